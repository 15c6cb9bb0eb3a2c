package io.stowage.kernel.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.stowage.api.CorruptValueException;

/**
 * The header before a transformed value's data, inside the kernel's envelope (whose header byte says a value is
 * transformed, so plain values are never parsed as this):
 *
 * <pre>
 * stepCount(1..255)
 * per step, in the order applied: typeLength(1..32) type(ASCII) formatVersion(1..255) headerLength(0..255) header
 *                               or 0 typeCode(1..255), for a type of {@link #WELL_KNOWN}, then the same
 *                               or 1 hasHeader(1 bit) typeCode(1..3, 2 bits) formatVersion(1..15, 4 bits) in one
 *                                 byte, then headerLength(1..255) header only where hasHeader is set
 * data...
 * </pre>
 *
 * The kernel writes the one-byte form wherever it fits, so a value compressed by a shipped transform carries two
 * bytes of chain header instead of five: on values of a few hundred bytes that is a measurable part of what
 * compression saves. Values written in the longer forms are still read.
 *
 * Every length is checked against what is left, so a truncated or damaged header is a {@link CorruptValueException},
 * never an array index error or a step read from the data.
 */
public final class TransformHeader {

    /** One step as the header records it: which transform, which of its formats, and its own header. */
    public record Step(String type, int formatVersion, byte[] header) {
    }

    /** A parsed header: its steps in the order applied, and where the data starts. */
    public record Parsed(List<Step> steps, int dataOffset) {
    }

    static final int MAX_TYPE_LENGTH = 32;
    /**
     * The types Stowage ships, written as a one-byte code instead of their name: on values of a few hundred bytes
     * the name was a measurable part of what compression saves (issue 18). Codes are part of the stored format: never
     * reused, never renumbered. Any other type is written by name.
     */
    static final List<String> WELL_KNOWN = List.of("zstd", "lz4", "aes-gcm");
    private static final byte[] NO_HEADER = new byte[0];
    /** A shipped type's steps without a header of their own, by type code and version: a read allocates none. */
    private static final Step[][] COMPACT_STEPS = compactSteps();
    private static final int MAX_BYTE = 255;
    /** The one-byte step form: its flag, whether a header follows, the type code's place, the version's mask. */
    private static final int COMPACT = 0x80;
    private static final int COMPACT_HAS_HEADER = 0x40;
    private static final int COMPACT_CODE_SHIFT = 4;
    private static final int COMPACT_MAX_CODE = 3;
    private static final int COMPACT_VERSION_MASK = 0x0F;

    private TransformHeader() {
    }

    private static Step[][] compactSteps() {
        Step[][] steps = new Step[COMPACT_MAX_CODE + 1][COMPACT_VERSION_MASK + 1];
        for (int code = 1; code <= Math.min(COMPACT_MAX_CODE, WELL_KNOWN.size()); code++) {
            for (int version = 1; version <= COMPACT_VERSION_MASK; version++) {
                steps[code][version] = new Step(WELL_KNOWN.get(code - 1), version, NO_HEADER);
            }
        }
        return steps;
    }

    /** Throws {@link IllegalArgumentException} unless the type is 1 to 32 of a-z, 0-9 and '-' (the SPI's rule). */
    public static void requireType(String type) {
        if (!isType(type)) {
            throw new IllegalArgumentException("transform type '" + type + "' is not 1 to " + MAX_TYPE_LENGTH
                    + " lower-case ASCII letters, digits and dashes");
        }
    }

    static boolean isType(String type) {
        if (type == null || type.isEmpty() || type.length() > MAX_TYPE_LENGTH) {
            return false;
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The header followed by the data. */
    public static byte[] write(List<Step> steps, byte[] data) {
        return write(steps, data, data.length, 0);
    }

    /**
     * The header followed by the first {@code length} bytes of {@code data}, after {@code headroom} bytes left free
     * for the caller (the envelope's own header): one array of the exact size, so the data is copied once.
     */
    public static byte[] write(List<Step> steps, byte[] data, int length, int headroom) {
        if (steps.isEmpty() || steps.size() > MAX_BYTE) {
            throw new IllegalArgumentException("a transformed value records 1 to 255 steps, not " + steps.size());
        }
        int size = headroom + 1 + length;
        for (Step step : steps) {
            if (step.formatVersion() < 1 || step.formatVersion() > MAX_BYTE) {
                throw new IllegalArgumentException("transform '" + step.type() + "' gave format version "
                        + step.formatVersion() + ", not 1 to 255");
            }
            size += stepBytes(step);
        }
        byte[] out = new byte[size];
        int at = headroom;
        out[at++] = (byte) steps.size();
        for (Step step : steps) {
            at = writeStep(step, out, at);
        }
        System.arraycopy(data, 0, out, at, length);
        return out;
    }

    /** The one-byte descriptor of the step, or 0 if its type or version does not fit one byte. */
    private static int compactDescriptor(Step step) {
        int code = WELL_KNOWN.indexOf(step.type()) + 1;
        if (code < 1 || code > COMPACT_MAX_CODE || step.formatVersion() > COMPACT_VERSION_MASK) {
            return 0;
        }
        int hasHeader = step.header().length > 0 ? COMPACT_HAS_HEADER : 0;
        return COMPACT | hasHeader | code << COMPACT_CODE_SHIFT | step.formatVersion();
    }

    private static int stepBytes(Step step) {
        int header = step.header().length;
        if (compactDescriptor(step) != 0) {
            return 1 + (header > 0 ? 1 + header : 0);
        }
        return 3 + (WELL_KNOWN.contains(step.type()) ? 1 : step.type().length()) + header;
    }

    private static int writeStep(Step step, byte[] out, int at) {
        byte[] header = step.header();
        int descriptor = compactDescriptor(step);
        if (descriptor != 0) {
            out[at++] = (byte) descriptor;
            if (header.length == 0) {
                return at;
            }
        } else {
            String type = step.type();
            int code = WELL_KNOWN.indexOf(type) + 1;
            if (code > 0) {
                out[at++] = 0;
                out[at++] = (byte) code;
            } else {
                out[at++] = (byte) type.length();
                // Types are ASCII (requireType): one byte per char
                for (int i = 0; i < type.length(); i++) {
                    out[at++] = (byte) type.charAt(i);
                }
            }
            out[at++] = (byte) step.formatVersion();
        }
        out[at++] = (byte) header.length;
        System.arraycopy(header, 0, out, at, header.length);
        return at + header.length;
    }

    /**
     * Reads the header of {@code payload}; {@code where} names the store and key for the error.
     *
     * @throws CorruptValueException if the header is truncated or holds an impossible count, type or version
     */
    public static Parsed read(byte[] payload, String where) {
        return read(payload, () -> where);
    }

    /** As {@link #read(byte[], String)}, the place named only when there is an error to report. */
    public static Parsed read(byte[] payload, Supplier<String> where) {
        int at = 0;
        int count = unsigned(payload, at++, where, Field.STEP_COUNT, 0);
        if (count == 0) {
            throw corrupt(where, "records no step");
        }
        List<Step> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int typeLength = unsigned(payload, at++, where, Field.TYPE_LENGTH, i + 1);
            if ((typeLength & COMPACT) != 0) {
                at = readCompactStep(typeLength, payload, at, where, i + 1, steps);
                continue;
            }
            String type;
            if (typeLength == 0) {
                type = wellKnown(unsigned(payload, at++, where, Field.TYPE_CODE, i + 1), where, i + 1);
            } else {
                if (typeLength > MAX_TYPE_LENGTH || at + typeLength > payload.length) {
                    throw corrupt(where, "has a bad type length " + typeLength + " in step " + (i + 1));
                }
                type = new String(payload, at, typeLength, StandardCharsets.US_ASCII);
                at += typeLength;
                if (!isType(type)) {
                    throw corrupt(where, "names no valid transform type in step " + (i + 1));
                }
            }
            int version = unsigned(payload, at++, where, Field.FORMAT_VERSION, i + 1);
            if (version == 0) {
                throw corrupt(where, "has format version 0 in step " + (i + 1) + " (" + type + ")");
            }
            at = readStepHeader(type, version, payload, at, where, i + 1, steps);
        }
        return new Parsed(count == 1 ? List.of(steps.get(0)) : Collections.unmodifiableList(steps), at);
    }

    /** Reads the rest of a one-byte step: its header, if the descriptor says it has one. */
    private static int readCompactStep(int descriptor, byte[] payload, int at, Supplier<String> where, int number,
            List<Step> steps) {
        String type = wellKnown((descriptor >> COMPACT_CODE_SHIFT) & COMPACT_MAX_CODE, where, number);
        int version = descriptor & COMPACT_VERSION_MASK;
        if (version == 0) {
            throw corrupt(where, "has format version 0 in step " + number + " (" + type + ")");
        }
        if ((descriptor & COMPACT_HAS_HEADER) == 0) {
            steps.add(COMPACT_STEPS[(descriptor >> COMPACT_CODE_SHIFT) & COMPACT_MAX_CODE][version]);
            return at;
        }
        return readStepHeader(type, version, payload, at, where, number, steps);
    }

    private static int readStepHeader(String type, int version, byte[] payload, int at, Supplier<String> where,
            int number, List<Step> steps) {
        int headerLength = unsigned(payload, at++, where, Field.HEADER_LENGTH, number);
        if (at + headerLength > payload.length) {
            throw corrupt(where, "is truncated in step " + number + "'s header (" + type + ")");
        }
        byte[] header = headerLength == 0 ? NO_HEADER : Arrays.copyOfRange(payload, at, at + headerLength);
        steps.add(new Step(type, version, header));
        return at + headerLength;
    }

    private static String wellKnown(int code, Supplier<String> where, int number) {
        if (code == 0 || code > WELL_KNOWN.size()) {
            throw corrupt(where, "has an unknown type code " + code + " in step " + number);
        }
        return WELL_KNOWN.get(code - 1);
    }

    /** A byte of the header, named only in the message of a header truncated before it. */
    private enum Field {
        STEP_COUNT("its step count"), TYPE_LENGTH("'s type length"), TYPE_CODE("'s type code"),
        FORMAT_VERSION("'s format version"), HEADER_LENGTH("'s header length");

        private final String name;

        Field(String name) {
            this.name = name;
        }

        String of(int step) {
            return this == STEP_COUNT ? name : "step " + step + name;
        }
    }

    /** The byte at {@code at}; the message is built only when it is missing, so a read that succeeds builds none. */
    private static int unsigned(byte[] payload, int at, Supplier<String> where, Field field, int step) {
        if (at >= payload.length) {
            throw corrupt(where, "is truncated before " + field.of(step));
        }
        return payload[at] & 0xFF;
    }

    private static CorruptValueException corrupt(Supplier<String> where, String problem) {
        return new CorruptValueException(where.get() + ": the transform header " + problem);
    }
}
