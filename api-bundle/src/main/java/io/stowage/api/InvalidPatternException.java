package io.stowage.api;

/** A glob pattern is malformed, for example it ends in a lone escape character. */
public class InvalidPatternException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidPatternException(String message) {
        super(message);
    }

    public InvalidPatternException(String message, Throwable cause) {
        super(message, cause);
    }
}
