package io.stowage.api;

/** A backend holds data in a format this kernel does not know; it is left untouched. */
public class UnsupportedFormatException extends StorageException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFormatException(String message) {
        super(message);
    }

    public UnsupportedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
