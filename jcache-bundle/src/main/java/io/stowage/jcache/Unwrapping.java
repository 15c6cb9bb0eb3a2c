package io.stowage.jcache;

/** JSR-107's {@code unwrap}: the first of what an object offers (itself first) that is of the type asked for. */
final class Unwrapping {

    private Unwrapping() {
    }

    /**
     * @param what       the object, for the message ({@code "cache users"})
     * @param candidates the object itself, then what else it unwraps to
     * @throws IllegalArgumentException if none is of the type
     */
    static <T> T unwrap(Class<T> type, String what, Object... candidates) {
        for (Object candidate : candidates) {
            if (type.isInstance(candidate)) {
                return type.cast(candidate);
            }
        }
        throw new IllegalArgumentException(what + " does not unwrap to " + type.getName());
    }
}
