package io.stowage.api;

import java.util.Arrays;

/** A key and its value, as a scan returns them. The value array belongs to the caller. */
public record Entry(String key, byte[] value) {

    @Override
    public boolean equals(Object other) {
        return other instanceof Entry that && key.equals(that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Entry[" + key + ", " + value.length + " bytes]";
    }
}
