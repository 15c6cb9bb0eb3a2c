package io.stowage.api;

/**
 * A write would give a unique index's key to a second store key: the write is refused whole and nothing is changed.
 *
 * @since 1.4
 */
public class DuplicateIndexKeyException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final String index;
    private final String indexKey;
    private final String heldBy;

    public DuplicateIndexKeyException(String message, String index, String indexKey, String heldBy) {
        super(message);
        this.index = index;
        this.indexKey = indexKey;
        this.heldBy = heldBy;
    }

    /** The unique index's name. */
    public String index() {
        return index;
    }

    /** The index key the write would have duplicated. */
    public String indexKey() {
        return indexKey;
    }

    /** The store key that holds the index key already. */
    public String heldBy() {
        return heldBy;
    }
}
