package io.stowage.api;

/** A key is null, empty, longer than {@link Limits#MAX_KEY_BYTES} UTF-8 bytes, or holds a lone surrogate. */
public class InvalidKeyException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String message) {
        super(message);
    }

    public InvalidKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
