package io.stowage.api;

/**
 * A transaction found, at every attempt the kernel allows, that something it read had changed before it could
 * commit; nothing of it was written. Retrying later, or with less contention on the same keys, may succeed.
 */
public class TransactionConflictException extends StorageException {
    private static final long serialVersionUID = 1L;

    public TransactionConflictException(String message) {
        super(message);
    }
}
