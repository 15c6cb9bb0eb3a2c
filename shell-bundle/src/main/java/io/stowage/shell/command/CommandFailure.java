package io.stowage.shell.command;

/**
 * A command that failed in a way its user can act on: a bad argument, an unknown store, a backend that is gone. Shells
 * print an exception's {@code toString()}, so this one is its message alone, without the exception's class.
 */
public class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
