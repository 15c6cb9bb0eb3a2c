package io.stowage.typed.command;

/**
 * A {@code stowage:gc} that failed in a way its user can act on. Gogo prints an exception's {@code toString()}, so
 * this one is its message alone, as the other {@code stowage:} commands print theirs.
 */
final class GcFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    GcFailure(String message) {
        super(message);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
