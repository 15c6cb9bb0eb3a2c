package io.stowage.kernel.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.api.CorruptValueException;

class TransformHeaderTest {

    private static final List<TransformHeader.Step> STEPS = List.of(
            new TransformHeader.Step("zstd", 1, new byte[0]),
            new TransformHeader.Step("aes-gcm", 255, new byte[255]));

    @Test
    void stepsAndDataRoundTrip() {
        byte[] payload = TransformHeader.write(STEPS, new byte[] {9, 8, 7});
        TransformHeader.Parsed parsed = TransformHeader.read(payload, "app/s, key 'k'");
        assertEquals(2, parsed.steps().size());
        assertEquals("zstd", parsed.steps().get(0).type());
        assertEquals(1, parsed.steps().get(0).formatVersion());
        assertEquals("aes-gcm", parsed.steps().get(1).type());
        assertEquals(255, parsed.steps().get(1).formatVersion());
        assertEquals(255, parsed.steps().get(1).header().length);
        assertArrayEquals(new byte[] {9, 8, 7}, Arrays.copyOfRange(payload, parsed.dataOffset(), payload.length));
    }

    @Test
    void everyTruncationOfTheHeaderIsCorrupt() {
        byte[] payload = TransformHeader.write(STEPS, new byte[0]);
        for (int length = 0; length < payload.length; length++) {
            byte[] truncated = Arrays.copyOf(payload, length);
            CorruptValueException e = assertThrows(CorruptValueException.class,
                    () -> TransformHeader.read(truncated, "app/s, key 'k'"), "truncated to " + length);
            assertTrue(e.getMessage().startsWith("app/s, key 'k': the transform header"), e.getMessage());
        }
    }

    @Test
    void impossibleCountsTypesAndVersionsAreCorrupt() {
        assertThrows(CorruptValueException.class, () -> TransformHeader.read(new byte[] {0, 1, 2}, "w"));
        byte[] payload = TransformHeader.write(List.of(new TransformHeader.Step("brot", 3, new byte[] {1})),
                new byte[] {5});
        byte[] badTypeLength = payload.clone();
        badTypeLength[1] = 0;
        assertThrows(CorruptValueException.class, () -> TransformHeader.read(badTypeLength, "w"));
        byte[] upperCaseType = payload.clone();
        upperCaseType[2] = 'Z';
        assertThrows(CorruptValueException.class, () -> TransformHeader.read(upperCaseType, "w"));
        byte[] versionZero = payload.clone();
        versionZero[6] = 0;
        assertThrows(CorruptValueException.class, () -> TransformHeader.read(versionZero, "w"));
        byte[] headerTooLong = payload.clone();
        headerTooLong[7] = 9;
        assertThrows(CorruptValueException.class, () -> TransformHeader.read(headerTooLong, "w"));
    }

    @Test
    void theShippedTypesAreWrittenInOneByteAndReadInTheLongerFormsToo() {
        List<TransformHeader.Step> steps = List.of(new TransformHeader.Step("zstd", 2, new byte[0]),
                new TransformHeader.Step("aes-gcm", 1, new byte[] {7}));
        byte[] payload = TransformHeader.write(steps, new byte[] {5});
        // zstd: flag, no header, code 1, version 2; aes-gcm: flag, a header (one byte: 7), code 3, version 1
        assertArrayEquals(new byte[] {2, (byte) 0x92, (byte) 0xF1, 1, 7, 5}, payload);
        assertEquals(List.of("zstd", "aes-gcm"), types(payload));
        // As the kernels before the one-byte form wrote it: a code byte after a zero
        byte[] byCode = {2, 0, 1, 2, 0, 0, 3, 1, 1, 7, 5};
        assertEquals(List.of("zstd", "aes-gcm"), types(byCode));
        assertArrayEquals(new byte[] {7}, TransformHeader.read(byCode, "w").steps().get(1).header());
        // As the first kernels with transforms wrote it: by name
        byte[] byName = {1, 4, 'z', 's', 't', 'd', 1, 0, 5};
        TransformHeader.Parsed parsed = TransformHeader.read(byName, "w");
        assertEquals("zstd", parsed.steps().get(0).type());
        assertEquals(8, parsed.dataOffset());
        for (byte unknown : new byte[] {0, 4, (byte) 255}) {
            CorruptValueException e = assertThrows(CorruptValueException.class,
                    () -> TransformHeader.read(new byte[] {1, 0, unknown, 1, 0, 5}, "w"));
            assertTrue(e.getMessage().contains("unknown type code " + (unknown & 0xFF)), e.getMessage());
        }
    }

    @Test
    void aVersionOrTypeTheOneByteFormCannotHoldIsWrittenInTheLongerForm() {
        byte[] payload = TransformHeader.write(List.of(new TransformHeader.Step("lz4", 16, new byte[0]),
                new TransformHeader.Step("brot", 1, new byte[0])), new byte[] {5});
        assertArrayEquals(new byte[] {2, 0, 2, 16, 0, 4, 'b', 'r', 'o', 't', 1, 0, 5}, payload);
        assertEquals(List.of("lz4", "brot"), types(payload));
    }

    @Test
    void aOneByteStepWithoutCodeOrVersionIsCorrupt() {
        CorruptValueException noCode = assertThrows(CorruptValueException.class,
                () -> TransformHeader.read(new byte[] {1, (byte) 0x82, 5}, "w"));
        assertTrue(noCode.getMessage().contains("unknown type code 0"), noCode.getMessage());
        CorruptValueException noVersion = assertThrows(CorruptValueException.class,
                () -> TransformHeader.read(new byte[] {1, (byte) 0x90, 5}, "w"));
        assertTrue(noVersion.getMessage().contains("format version 0"), noVersion.getMessage());
        assertThrows(CorruptValueException.class, () -> TransformHeader.read(new byte[] {1, (byte) 0xD1}, "w"));
    }

    private static List<String> types(byte[] payload) {
        return TransformHeader.read(payload, "w").steps().stream().map(TransformHeader.Step::type).toList();
    }

    @Test
    void typesFollowTheSpiRule() {
        TransformHeader.requireType("aes-gcm");
        TransformHeader.requireType("a".repeat(32));
        assertThrows(IllegalArgumentException.class, () -> TransformHeader.requireType("a".repeat(33)));
        assertThrows(IllegalArgumentException.class, () -> TransformHeader.requireType("Zstd"));
        assertThrows(IllegalArgumentException.class, () -> TransformHeader.requireType(""));
    }
}
