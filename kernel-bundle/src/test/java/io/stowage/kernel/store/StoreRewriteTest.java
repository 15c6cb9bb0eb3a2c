package io.stowage.kernel.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.stowage.admin.RewriteResult;
import io.stowage.api.KeyTtl;
import io.stowage.api.Store;
import io.stowage.api.TransformUnavailableException;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.transform.ReverseTransform;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.spi.TransformStep;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/** A rewrite leaves every value as the route's chain writes it now, keeps expiries, and loses no concurrent write. */
class StoreRewriteTest {

    private static final int KEYS = 2500;

    @Test
    void aChainAddedThenRemovedAppliesToStoredValuesAfterARewrite() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.transforms().add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.0"));
            Store store = harness.namespace("app").store("s");
            for (int i = 0; i < KEYS; i++) {
                store.put(key(i), value(i));
            }
            store.put("ttl", value(-1), Duration.ofHours(1));
            route(harness, TransformChain.parse("test", "rev", 0));
            List<RewriteResult> progress = new ArrayList<>();

            RewriteResult encoded = rewrite(harness, progress::add);

            assertEquals(KEYS + 1, encoded.rewritten());
            assertEquals(KEYS + 1, encoded.scanned());
            assertEquals(2, progress.size());
            assertEquals(List.of(true), transformedFlags(harness));
            assertEquals(0, rewrite(harness, null).rewritten(), "a deterministic chain's values are current");
            assertValues(store);

            route(harness, null);
            RewriteResult plain = rewrite(harness, null);

            assertEquals(KEYS + 1, plain.rewritten());
            assertEquals(List.of(false), transformedFlags(harness));
            assertValues(store);
            assertEquals(KEYS + 1, rewrite(harness, null).alreadyCurrent());
        }
    }

    @Test
    void expiredEntriesAreCountedAndLeft() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.transforms().add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.0"));
            Store store = harness.namespace("app").store("s");
            store.put("gone", value(1), Duration.ofSeconds(1));
            store.put("kept", value(2));
            harness.clock.advance(Duration.ofSeconds(2));
            route(harness, TransformChain.parse("test", "rev", 0));

            RewriteResult result = rewrite(harness, null);

            assertEquals(1, result.expired());
            assertEquals(1, result.rewritten());
        }
    }

    @Test
    void aConcurrentWriterUnderLoadNeverLosesItsWrite() throws InterruptedException {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.transforms().add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.0"));
            Store store = harness.namespace("app").store("s");
            for (int i = 0; i < KEYS; i++) {
                store.put(key(i), value(i));
            }
            route(harness, TransformChain.parse("test", "rev", 0));
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch writing = new CountDownLatch(1);
            Map<String, byte[]> last = new HashMap<>();
            Thread writer = new Thread(() -> {
                // Writes every key of the store in turn, so the writer crosses the rewrite's walk many times
                for (int round = 0; !done.get(); round++) {
                    for (int i = 0; i < KEYS; i += 7) {
                        byte[] written = ("round " + round + " of " + i).getBytes(UTF_8);
                        store.put(key(i), written);
                        last.put(key(i), written);
                    }
                    writing.countDown();
                }
            });
            writer.start();
            writing.await();

            rewrite(harness, null);
            done.set(true);
            writer.join();

            for (Map.Entry<String, byte[]> written : last.entrySet()) {
                assertArrayEquals(written.getValue(), store.get(written.getKey()), written.getKey());
            }
        }
    }

    @Test
    void aWriteBetweenTheReadAndTheRewriteIsKeptAndTheValueReadAgain() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            for (int i = 0; i < KEYS; i++) {
                store.put(key(i), value(i));
            }
            byte[] applications = "the application's write, made while the rewrite held the old value".getBytes(UTF_8);
            AtomicBoolean armed = new AtomicBoolean(true);
            // The application writes key 1200 after the rewrite read it and while it encodes it, so an
            // unconditional write of the re-encoded old value would overwrite the application's
            ReverseTransform reverse = new ReverseTransform("rev", 1);
            harness.kernel.transforms().add(new ValueTransform() {
                @Override
                public String type() {
                    return "rev";
                }

                @Override
                public int formatVersion() {
                    return 1;
                }

                @Override
                public boolean reads(int version) {
                    return reverse.reads(version);
                }

                @Override
                public TransformStep bind(Map<String, String> parameters) {
                    TransformStep step = reverse.bind(parameters);
                    return (value, identity) -> {
                        if (identity.key().equals(key(1200)) && armed.getAndSet(false)) {
                            store.put(key(1200), applications);
                        }
                        return step.apply(value, identity);
                    };
                }

                @Override
                public byte[] decode(int version, byte[] header, byte[] data, ValueIdentity identity) {
                    return reverse.decode(version, header, data, identity);
                }
            }, TransformVersion.parse("1.0.0"));
            route(harness, TransformChain.parse("test", "rev", 0));

            RewriteResult result = rewrite(harness, null);

            assertArrayEquals(applications, store.get(key(1200)));
            assertEquals(1, result.changedMeanwhile());
            assertEquals(KEYS - 1, result.rewritten(), "the application's value is already current");
            assertEquals(1, result.alreadyCurrent());
        }
    }

    @Test
    void aMissingTransformIsTheTypedErrorAndLosesNothing() {
        try (KernelHarness harness = new KernelHarness()) {
            ReverseTransform rev = new ReverseTransform("rev", 1);
            harness.kernel.transforms().add(rev, TransformVersion.parse("1.0.0"));
            route(harness, TransformChain.parse("test", "rev", 0));
            Store store = harness.namespace("app").store("s");
            store.put(key(1), value(1));
            harness.kernel.transforms().remove(rev);
            route(harness, null);

            TransformUnavailableException missing = assertThrows(TransformUnavailableException.class,
                    () -> rewrite(harness, null));

            assertTrue(missing.getMessage().contains("'rev'"), missing.getMessage());
            harness.kernel.transforms().add(rev, TransformVersion.parse("1.0.0"));
            assertArrayEquals(value(1), store.get(key(1)));
        }
    }

    @Test
    void expiriesAreKept() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.transforms().add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.0"));
            Store store = harness.namespace("app").store("s");
            store.put("k", value(1), Duration.ofMinutes(5));
            route(harness, TransformChain.parse("test", "rev", 0));

            rewrite(harness, null);

            assertEquals(KeyTtl.expiringIn(Duration.ofMinutes(5)), store.ttl("k"));
            assertEquals(List.of(true), transformedFlags(harness));
        }
    }

    private static RewriteResult rewrite(KernelHarness harness, java.util.function.Consumer<RewriteResult> progress) {
        return new StoreRewrite(harness.kernel.route("app", "s"), harness.kernel).run(progress);
    }

    private static void route(KernelHarness harness, TransformChain chain) {
        harness.kernel.updateRules(chain == null ? List.of() : List.of(new RouteRule("app", "s", "default", chain)));
    }

    /** Whether the store's envelopes are transformed, each distinct answer once. */
    private static List<Boolean> transformedFlags(KernelHarness harness) {
        List<Boolean> flags = new ArrayList<>();
        harness.kernel.open("app", "s", null).forEachLive(false, (key, keyBytes, envelope) -> {
            if (!flags.contains(ValueEnvelope.isTransformed(envelope))) {
                flags.add(ValueEnvelope.isTransformed(envelope));
            }
        });
        return flags;
    }

    private static void assertValues(Store store) {
        for (int i = 0; i < KEYS; i++) {
            assertArrayEquals(value(i), store.get(key(i)), key(i));
        }
        assertArrayEquals(value(-1), store.get("ttl"));
    }

    private static String key(int i) {
        return String.format("key-%05d", i);
    }

    private static byte[] value(int i) {
        return ("a value long enough to be transformed, number " + i).getBytes(UTF_8);
    }
}
