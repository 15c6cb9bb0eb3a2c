package io.stowage.spi;

/** A raw key and value as a backend scan returns them. */
public record BackendEntry(byte[] key, byte[] value) {
}
