package io.stowage.launcher;

/** The innermost cause of a failure, which is what a user can act on (wrappers only say where it passed through). */
final class RootCause {

    private RootCause() {
    }

    static Throwable of(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The root cause's message, or its class name when it has none (a NullPointerException, say). */
    static String message(Throwable failure) {
        Throwable root = of(failure);
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName() : message;
    }
}
