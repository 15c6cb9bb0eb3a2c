package io.stowage.api;

/** An argument was rejected before anything was read or written; nothing stored changed. */
public class InvalidInputException extends StorageException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
