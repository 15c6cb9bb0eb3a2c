package io.stowage.typed.map;

import java.nio.charset.StandardCharsets;

import io.stowage.api.Limits;

/** The store's key order, unsigned UTF-8 bytes, which is Unicode code point order (not {@link String#compareTo}). */
final class KeyOrder {

    private KeyOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * The least key text after {@code key} ({@code key + "\0"}), or {@code null} when that is longer than a store key
     * may be: then no key lies between the two, and a scan must stop at {@code key} by itself.
     */
    static String successor(String key) {
        String next = key + '\0';
        return next.getBytes(StandardCharsets.UTF_8).length <= Limits.MAX_KEY_BYTES ? next : null;
    }
}
