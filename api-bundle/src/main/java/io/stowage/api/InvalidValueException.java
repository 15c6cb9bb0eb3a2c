package io.stowage.api;

/** A value is null or larger than {@link Limits#MAX_VALUE_BYTES} bytes. */
public class InvalidValueException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }

    public InvalidValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
