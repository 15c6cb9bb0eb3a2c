package io.stowage.api;

/** Base of every error Stowage reports; the message names the store, the key and the limit involved. */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
