package io.stowage.kernel.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.stowage.api.CorruptValueException;
import io.stowage.api.TransformUnavailableException;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

class ChainCodecTest {

    private static final ValueIdentity IDENTITY = new ValueIdentity("app", "s", "k");
    private static final byte[] VALUE = "a value of some length".getBytes(StandardCharsets.UTF_8);

    private final TransformRegistry registry = new TransformRegistry();
    private final ChainCodec codec = registry.codec();

    private static TransformChain chain(String text, int minSize) {
        return TransformChain.parse("test", text, minSize);
    }

    @Test
    void aChainIsUndoneInReverseByTheHeaderAlone() {
        registry.add(new ReverseTransform("one", 1), TransformVersion.parse("1.0.0"));
        registry.add(new ReverseTransform("two", 2), TransformVersion.parse("1.0.0"));
        byte[] payload = codec.encode(chain("one, two", 0), VALUE, IDENTITY, 0);
        TransformHeader.Parsed parsed = TransformHeader.read(payload, "w");
        assertEquals("one", parsed.steps().get(0).type());
        assertEquals(2, parsed.steps().get(1).formatVersion());
        assertArrayEquals(VALUE, codec.decode(payload, IDENTITY, 0));
    }

    @Test
    void valuesUnderTheMinimumSizeSkipOnlyCompressionsAndStepsThatKeepTheValueLeaveNoHeader() {
        registry.add(new ReverseTransform("one", 1), TransformVersion.parse("1.0.0"));
        registry.add(ReverseTransform.compressing("squeeze"), TransformVersion.parse("1.0.0"));
        assertNull(codec.encode(chain("squeeze", VALUE.length + 1), VALUE, IDENTITY, 0));
        // A step that does not compress (an encryption) applies however short the value: no value is left in clear
        byte[] shortButChained = codec.encode(chain("squeeze, one", VALUE.length + 1), VALUE, IDENTITY, 0);
        assertEquals(List.of("one"), TransformHeader.read(shortButChained, "w").steps().stream()
                .map(TransformHeader.Step::type).toList());
        assertArrayEquals(VALUE, codec.decode(shortButChained, IDENTITY, 0));
        assertEquals(2, TransformHeader.read(codec.encode(chain("squeeze, one", VALUE.length), VALUE, IDENTITY, 0),
                "w").steps().size());
        registry.add(ReverseTransform.keeping("keep"), TransformVersion.parse("1.0.0"));
        assertNull(codec.encode(chain("keep", 0), VALUE, IDENTITY, 0));
        byte[] payload = codec.encode(chain("keep, one", 0), VALUE, IDENTITY, 0);
        assertEquals(1, TransformHeader.read(payload, "w").steps().size());
    }

    @Test
    void writesUseTheHighestVersionAndReadsAnyThatReadsTheFormat() {
        ReverseTransform old = new ReverseTransform("rev", 1);
        registry.add(old, TransformVersion.parse("1.0.0"));
        byte[] written1 = codec.encode(chain("rev", 0), VALUE, IDENTITY, 0);
        registry.add(new ReverseTransform("rev", 2), TransformVersion.parse("2.0.0"));
        byte[] written2 = codec.encode(chain("rev", 0), VALUE, IDENTITY, 0);
        assertEquals(2, TransformHeader.read(written2, "w").steps().get(0).formatVersion());
        registry.remove(old);
        assertArrayEquals(VALUE, codec.decode(written1, IDENTITY, 0));
        assertArrayEquals(VALUE, codec.decode(written2, IDENTITY, 0));
    }

    @Test
    void readsAndWritesTurnToAServiceRegisteredOrLeftSinceTheirLastLookup() {
        AtomicInteger decodedByOld = new AtomicInteger();
        AtomicInteger decodedByNew = new AtomicInteger();
        ValueTransform old = counting(new ReverseTransform("rev", 1), decodedByOld);
        registry.add(old, TransformVersion.parse("1.0.0"));
        byte[] written = codec.encode(chain("rev", 0), VALUE, IDENTITY, 0);
        assertArrayEquals(VALUE, codec.decode(written, IDENTITY, 0));
        assertArrayEquals(VALUE, codec.decode(written, IDENTITY, 0));
        assertEquals(2, decodedByOld.get());

        registry.add(counting(new ReverseTransform("rev", 2), decodedByNew), TransformVersion.parse("2.0.0"));
        assertArrayEquals(VALUE, codec.decode(written, IDENTITY, 0));
        assertEquals(1, decodedByNew.get(), "the newest service that reads the format reads it once registered");
        assertEquals(2, TransformHeader.read(codec.encode(chain("rev", 0), VALUE, IDENTITY, 0), "w").steps().get(0)
                .formatVersion(), "and writes use it at once");

        registry.remove(old);
        registry.remove(registry.newest("rev"));
        assertThrows(TransformUnavailableException.class, () -> codec.decode(written, IDENTITY, 0),
                "a reader that left is not remembered");
        assertEquals(2, decodedByOld.get());
        assertEquals(1, decodedByNew.get());
    }

    private static ValueTransform counting(ValueTransform transform, AtomicInteger decodes) {
        return new ReverseTransformDelegate(transform) {
            @Override
            public byte[] decode(int formatVersion, byte[] header, byte[] data, ValueIdentity identity) {
                decodes.incrementAndGet();
                return super.decode(formatVersion, header, data, identity);
            }
        };
    }

    @Test
    void anUnknownTypeOrVersionIsUnavailableNamingStoreKeyAndTransform() {
        ReverseTransform v2 = new ReverseTransform("rev", 2);
        registry.add(v2, TransformVersion.parse("2.0.0"));
        byte[] payload = codec.encode(chain("rev", 0), VALUE, IDENTITY, 0);
        registry.remove(v2);
        TransformUnavailableException missing = assertThrows(TransformUnavailableException.class,
                () -> codec.decode(payload, IDENTITY, 0));
        assertTrue(missing.getMessage().contains("store app/s, key 'k'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("'rev' format version 2"), missing.getMessage());
        registry.add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.0"));
        TransformUnavailableException tooNew = assertThrows(TransformUnavailableException.class,
                () -> codec.decode(payload, IDENTITY, 0));
        assertTrue(tooNew.getMessage().contains("registered: rev 1.0.0"), tooNew.getMessage());
    }

    @Test
    void aValueReadUnderAnotherIdentityOrWithAFlippedBitIsCorrupt() {
        registry.add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.0"));
        byte[] payload = codec.encode(chain("rev", 0), VALUE, IDENTITY, 0);
        assertThrows(CorruptValueException.class, () -> codec.decode(payload, new ValueIdentity("app", "s", "other"), 0));
        for (int bit = 0; bit < 8 * 9; bit++) {
            byte[] flipped = payload.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                codec.decode(flipped, IDENTITY, 0);
                throw new AssertionError("bit " + bit + " flipped in the header was read");
            } catch (CorruptValueException | TransformUnavailableException expected) {
                // typed, naming the store and key
                assertTrue(expected.getMessage().contains("app/s"), expected.getMessage());
            }
        }
    }

    @Test
    void aMissingTypeMakesAWriteWaitTheTimeoutThenFail() {
        long started = System.nanoTime();
        TransformUnavailableException e = assertThrows(TransformUnavailableException.class,
                () -> codec.encode(chain("rev", 0), VALUE, IDENTITY, 100));
        assertTrue(System.nanoTime() - started >= 100_000_000L);
        assertTrue(e.getMessage().contains("transform 'rev' of its chain is not registered (waited 100 ms)"),
                e.getMessage());
    }

    @Test
    void refusedChainsAndRefusedParametersFailTheWrite() {
        registry.add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.0"));
        TransformUnavailableException bad = assertThrows(TransformUnavailableException.class,
                () -> codec.encode(chain("rev(bad=1)", 0), VALUE, IDENTITY, 0));
        assertTrue(bad.getMessage().contains("refuses the route's parameters"), bad.getMessage());
        TransformUnavailableException refused = assertThrows(TransformUnavailableException.class,
                () -> codec.encode(TransformChain.refused("at position 3: nonsense"), VALUE, IDENTITY, 0));
        assertTrue(refused.getMessage().contains("at position 3: nonsense"), refused.getMessage());
    }

    /** A transform whose steps refuse once it was stopped, as SCR's deactivation makes the bundles' steps do. */
    private static final class StoppingTransform extends ReverseTransformDelegate {

        private final Runnable whenApplied;
        private volatile boolean stopped;

        StoppingTransform(Runnable whenApplied) {
            super(new ReverseTransform("rev", 1));
            this.whenApplied = whenApplied;
        }

        @Override
        public io.stowage.spi.TransformStep bind(java.util.Map<String, String> parameters) {
            io.stowage.spi.TransformStep step = super.bind(parameters);
            return (value, identity) -> {
                whenApplied.run();
                if (stopped) {
                    throw new TransformUnavailableException("the rev transform it needs was stopped");
                }
                return step.apply(value, identity);
            };
        }
    }

    @Test
    void aWriteWhoseTransformStopsUnderItBindsTheNextRevision() {
        StoppingTransform[] old = new StoppingTransform[1];
        old[0] = new StoppingTransform(() -> {
            // The bundle is updated between the write's bind and its apply: the old revision leaves, the next comes
            if (!old[0].stopped) {
                old[0].stopped = true;
                registry.remove(old[0]);
                registry.add(new ReverseTransform("rev", 2), TransformVersion.parse("1.1.0"));
            }
        });
        registry.add(old[0], TransformVersion.parse("1.0.0"));
        byte[] payload = codec.encode(chain("rev", 0), VALUE, IDENTITY, 1_000);
        assertEquals(2, TransformHeader.read(payload, "w").steps().get(0).formatVersion(), "the next revision wrote it");
        assertArrayEquals(VALUE, codec.decode(payload, IDENTITY, 0));
    }

    @Test
    void aTransformThatLeavesWhileItIsBoundHandsTheWriteToTheNextRevision() {
        ReverseTransformDelegate[] old = new ReverseTransformDelegate[1];
        old[0] = new ReverseTransformDelegate(new ReverseTransform("rev", 1)) {
            @Override
            public io.stowage.spi.TransformStep bind(java.util.Map<String, String> parameters) {
                // Deactivated by an update of its bundle between the lookup and the bind, as aes-gcm's keys go then
                registry.remove(this);
                registry.add(new ReverseTransform("rev", 2), TransformVersion.parse("1.1.0"));
                throw new IllegalArgumentException("aes-gcm parameter 'key' names 'main', which is no key (it has [])");
            }
        };
        registry.add(old[0], TransformVersion.parse("1.0.0"));
        byte[] payload = codec.encode(chain("rev", 0), VALUE, IDENTITY, 1_000);
        assertEquals(2, TransformHeader.read(payload, "w").steps().get(0).formatVersion(), "the next revision wrote it");
    }

    @Test
    void aStepThatRefusesWhileItsTransformStaysRegisteredFailsTheWrite() {
        StoppingTransform refusing = new StoppingTransform(() -> { });
        refusing.stopped = true;
        registry.add(refusing, TransformVersion.parse("1.0.0"));
        assertThrows(TransformUnavailableException.class, () -> codec.encode(chain("rev", 0), VALUE, IDENTITY, 0));
    }
}
