package io.stowage.launcher;

/** The runtime could not be brought up; the launcher prints the message and exits with status 2. */
final class StartupFailure extends Exception {

    private static final long serialVersionUID = 1L;

    StartupFailure(String message) {
        super(message);
    }

    StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
