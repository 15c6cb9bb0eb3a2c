package io.stowage.admin;

/**
 * A store's transactions since the kernel started.
 *
 * @param commits   transactions that committed (read-only ones included)
 * @param conflicts attempts that found something they read changed, and so wrote nothing
 * @param retries   attempts run again after a conflict; {@code conflicts - retries} transactions gave up
 * @since 1.1
 */
public record TransactionCounts(long commits, long conflicts, long retries) {

    public static final TransactionCounts NONE = new TransactionCounts(0, 0, 0);
}
