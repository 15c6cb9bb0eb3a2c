package io.stowage.typed.codec;

/**
 * Fixed-width lowercase hexadecimal, the key text of the numeric codecs: digits 0-9 sort before a-f in UTF-8, so
 * equal-width texts sort as the unsigned numbers they spell.
 */
final class HexText {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexText() {
    }

    /** Appends the low {@code digits * 4} bits of {@code bits} as exactly {@code digits} hex digits. */
    static void append(StringBuilder out, long bits, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(DIGITS[(int) (bits >>> shift) & 0xF]);
        }
    }

    /**
     * The unsigned number spelled by {@code digits} lowercase hex digits of {@code text} from {@code start}.
     *
     * @throws IllegalArgumentException naming {@code what} the text should have been, on any other character
     */
    static long parse(String text, int start, int digits, String what) {
        long bits = 0;
        for (int i = start; i < start + digits; i++) {
            char c = text.charAt(i);
            int digit;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else {
                throw new IllegalArgumentException("key '" + text + "' is not " + what + ": '" + c + "' at index " + i
                        + " is not a lowercase hex digit");
            }
            bits = bits << 4 | digit;
        }
        return bits;
    }

    /**
     * A signed number of {@code digits * 4} bits as that many hex digits with its sign bit flipped, so that the most
     * negative number is all zeros and the texts sort as the signed numbers do.
     */
    static String signedKey(long value, int digits) {
        StringBuilder key = new StringBuilder(digits);
        append(key, value ^ 1L << digits * 4 - 1, digits);
        return key.toString();
    }

    /** The signed number of a {@link #signedKey} text. */
    static long parseSigned(String key, int digits, String what) {
        requireLength(key, digits, what);
        int unused = 64 - digits * 4;
        return (parse(key, 0, digits, what) ^ 1L << digits * 4 - 1) << unused >> unused;
    }

    /** Checks that the key text is {@code length} characters long. */
    static void requireLength(String text, int length, String what) {
        if (text.length() != length) {
            throw new IllegalArgumentException("key '" + text + "' is not " + what + ": " + text.length()
                    + " characters, not " + length);
        }
    }
}
