package io.stowage.api;

/**
 * A lookup or a write cannot use an index: the index does not exist or is still being built (lookups), or the index
 * extension that computes its keys is not installed, or is being updated, and did not come back within the
 * operation timeout (lookups and writes alike: no write to an indexed store skips an index). The message names the
 * store and the index. Nothing stored is changed.
 *
 * @since 1.4
 */
public class IndexUnavailableException extends StorageException {

    private static final long serialVersionUID = 1L;

    public IndexUnavailableException(String message) {
        super(message);
    }
}
