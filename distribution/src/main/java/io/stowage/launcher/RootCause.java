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

    /**
     * The root cause's message, or its class name when it has none (a NullPointerException, say). A failure that
     * shows as its message alone (the stowage commands' failures do) was written for the user, and is shown as it is.
     */
    static String message(Throwable failure) {
        if (failure.getMessage() != null && failure.getMessage().equals(failure.toString())) {
            return failure.getMessage();
        }
        Throwable root = of(failure);
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName() : message;
    }
}
