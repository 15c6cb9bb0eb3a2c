package io.stowage.jcache;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.stowage.api.Limits;

/**
 * The store a cache's entries live in, named after the cache: a cache called {@code users} is the store
 * {@code users}, so an operator finds it by the name the application gave. Characters a store name cannot hold become
 * {@code _hh} (each UTF-8 byte in hex, {@code _} itself included), a name that does not start with a letter or digit
 * gets the prefix {@code x__} (a double underscore escaping never makes), and a name longer than a store name may be
 * keeps its first 47 characters and a hash of the whole.
 */
final class StoreNames {

    private static final int HASHED_PREFIX = Limits.MAX_STORE_NAME_LENGTH - 17;

    private StoreNames() {
    }

    static String forCache(String cacheName) {
        StringBuilder name = new StringBuilder();
        for (byte b : cacheName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
                name.append(c);
            } else {
                name.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0))) {
            name.insert(0, "x__");
        }
        if (name.length() <= Limits.MAX_STORE_NAME_LENGTH) {
            return name.toString();
        }
        return name.substring(0, HASHED_PREFIX) + "-" + HexFormat.of().formatHex(Hashes.sha256(cacheName), 0, 8);
    }

}
