package io.stowage.transform.lz4;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/** How hard LZ4 compresses: its fast compressor ({@code fast}) or LZ4 HC at a level from 1 to 17. */
record Lz4Level(int highCompression) {

    static final Lz4Level FAST = new Lz4Level(0);
    /** LZ4 HC's own default level. */
    static final int HIGH = 9;
    static final int MAX_HIGH = 17;

    /**
     * The level a chain's or configuration's text names.
     *
     * @throws IllegalArgumentException naming the parameter and the levels there are
     */
    static Lz4Level parse(String text, String parameter) {
        String value = text.trim();
        if (value.equals("fast")) {
            return FAST;
        }
        if (value.equals("high")) {
            return new Lz4Level(HIGH);
        }
        if (value.matches("[0-9]{1,2}")) {
            int level = Integer.parseInt(value);
            if (level >= 1 && level <= MAX_HIGH) {
                return new Lz4Level(level);
            }
        }
        throw new IllegalArgumentException("lz4 parameter '" + parameter + "' must be fast, high or a high-compression "
                + "level from 1 to " + MAX_HIGH + ", not '" + text + "'");
    }

    LZ4Compressor compressor(LZ4Factory lz4) {
        return highCompression == 0 ? lz4.fastCompressor() : lz4.highCompressor(highCompression);
    }

    @Override
    public String toString() {
        return highCompression == 0 ? "fast" : "high compression " + highCompression;
    }
}
