package io.stowage.testkit.transforms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.Arrays;
import java.util.Map;

import org.junit.Test;

import io.stowage.api.CorruptValueException;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;

/** The test transforms do what the transformed contract runs rely on: round trips, identity binding, no shrink. */
public class XorTransformTest {

    private static final ValueIdentity KEY = new ValueIdentity("app", "s", "k");
    private static final byte[] VALUE = "value".getBytes(UTF_8);

    @Test
    public void oneValueIsWrittenAsDifferentBytesAndReadOnlyUnderItsIdentity() {
        XorTransform xor = new XorTransform();
        Transformed first = xor.bind(Map.of()).apply(VALUE, KEY);
        Transformed second = xor.bind(Map.of()).apply(VALUE, KEY);
        assertFalse(Arrays.equals(first.header(), second.header()));
        assertArrayEquals(VALUE, xor.decode(1, first.header(), first.data(), KEY));
        assertThrows(CorruptValueException.class, () -> xor.decode(1, first.header(), first.data(),
                new ValueIdentity("app", "s", "other")));
        assertThrows(CorruptValueException.class, () -> xor.decode(1, first.header(), first.data(),
                new ValueIdentity("app", "t", "k")));
    }

    @Test
    public void deflateKeepsWhatItCannotShrinkAndDetectsDamage() {
        DeflateTransform deflate = new DeflateTransform();
        assertNull(deflate.bind(Map.of()).apply(VALUE, KEY));
        byte[] repetitive = "ab".repeat(500).getBytes(UTF_8);
        Transformed made = deflate.bind(Map.of("level", "9")).apply(repetitive, KEY);
        assertArrayEquals(repetitive, deflate.decode(1, made.header(), made.data(), KEY));
        assertThrows(CorruptValueException.class, () -> deflate.decode(1, made.header(),
                Arrays.copyOf(made.data(), made.data().length / 2), KEY));
        assertThrows(IllegalArgumentException.class, () -> deflate.bind(Map.of("speed", "1")));
    }
}
