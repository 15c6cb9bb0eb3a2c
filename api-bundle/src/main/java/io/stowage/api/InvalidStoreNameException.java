package io.stowage.api;

/** A store name is malformed. */
public class InvalidStoreNameException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidStoreNameException(String message) {
        super(message);
    }

    public InvalidStoreNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
