package io.stowage.api;

/** The backend refused a write because it reached a configured capacity; reads and deletes still work. */
public class StorageFullException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageFullException(String message) {
        super(message);
    }

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
