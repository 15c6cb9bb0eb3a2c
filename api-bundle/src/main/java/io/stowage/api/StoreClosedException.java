package io.stowage.api;

/** The store handle was closed, or the service it came from was released. */
public class StoreClosedException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StoreClosedException(String message) {
        super(message);
    }

    public StoreClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
