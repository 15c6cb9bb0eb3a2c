package io.stowage.api;

/** No backend served the store within the configured wait, or the backend failed to reach its data. */
public class BackendUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
