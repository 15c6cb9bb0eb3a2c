package io.stowage.api;

/** A time to live is null, zero or negative. */
public class InvalidTtlException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidTtlException(String message) {
        super(message);
    }

    public InvalidTtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
