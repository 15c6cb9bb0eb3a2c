package io.stowage.api;

/**
 * A stored value is not what was written: its transform header is damaged or names an unknown format, its data is
 * truncated or altered, or it fails authentication (an encrypted value copied under another key or store). The
 * message names the store, the key and the transform. Nothing stored is changed.
 */
public class CorruptValueException extends StorageException {

    private static final long serialVersionUID = 1L;

    public CorruptValueException(String message) {
        super(message);
    }

    public CorruptValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
