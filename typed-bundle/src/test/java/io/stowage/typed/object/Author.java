package io.stowage.typed.object;

/** A record without references. */
public record Author(String name) {
}
