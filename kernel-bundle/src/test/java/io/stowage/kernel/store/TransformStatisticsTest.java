package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.admin.StoreId;
import io.stowage.admin.StoreStatistics;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.TransformCounts;
import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.admin.AdminServiceFactory;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.transform.RunLengthTransform;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.testlog.Loggers;

/**
 * A store's transform figures as the operator API reports them: bytes before and after its chain, values stored
 * plain, decodes of transformed values only, and nothing at all for a store whose values never meet a transform.
 */
class TransformStatisticsTest {

    private static final StoreId STORE = new StoreId("app", "s");
    /** 1000 bytes of one byte: four runs (255, 255, 255, 235), so 8 bytes of run-length data. */
    private static final byte[] REPETITIVE = filled(1000, 'a');
    /** Shorter than the chain's minimum size of 16, so never compressed. */
    private static final byte[] SHORT = filled(10, 'b');
    /** 40 distinct bytes: run-length coding would double them, so the compression leaves them as they are. */
    private static final byte[] NOISE = distinct(40);
    /** The stored payload of REPETITIVE: step count, type length, "rle", format version, header length, 8 bytes. */
    private static final int COMPRESSED = 1 + 1 + 3 + 1 + 1 + 8;

    private final KernelHarness harness = new KernelHarness();
    private final BackendInstances instances = new BackendInstances(harness.kernel, null, Loggers.silent());
    private final StowageAdmin admin = new AdminServiceFactory(harness.kernel, instances,
            (namespace, store, configuration) -> { }, Loggers.silent()).view();

    TransformStatisticsTest() {
        harness.kernel.transforms().add(new RunLengthTransform(), TransformVersion.parse("1.0.0"));
    }

    @AfterEach
    void close() {
        instances.close();
        harness.close();
    }

    private Store routedThrough(String chain) {
        harness.kernel.updateRules(chain == null ? List.of()
                : List.of(new RouteRule("app", "s", "default", TransformChain.parse("test", chain, 16))));
        return harness.namespace("app").store("s");
    }

    private TransformCounts transforms() {
        return admin.storeStatistics(STORE).transforms();
    }

    @Test
    void aCompressingChainCountsBytesBeforeAndAfterAndTheRatio() {
        Store store = routedThrough("rle");
        store.put("repetitive", REPETITIVE);
        store.put("short", SHORT);
        store.put("noise", NOISE);
        assertArrayEquals(REPETITIVE, store.get("repetitive"));
        assertArrayEquals(SHORT, store.get("short"));
        assertArrayEquals(NOISE, store.get("noise"));

        TransformCounts counts = transforms();
        assertEquals(3, counts.encoded());
        assertEquals(2, counts.storedPlain(), "the short value and the one the compression could not shrink");
        assertEquals(1000 + 10 + 40, counts.encodedBytesIn());
        assertEquals(COMPRESSED + 10 + 40, counts.encodedBytesOut());
        assertEquals(65.0 / 1050, counts.ratio(), 1e-12);
        assertEquals(1, counts.decoded(), "the two plain values are read without the chain");
        assertEquals(COMPRESSED, counts.decodedBytesIn());
        assertEquals(1000, counts.decodedBytesOut());
        assertTrue(counts.encodeNanos() > 0 && counts.decodeNanos() > 0, counts.toString());
        assertEquals(counts.encodeNanos() / 3, counts.encodeNanosPerValue());
        assertEquals(counts.decodeNanos(), counts.decodeNanosPerValue());
        assertCompressedSizeIsWhatIsStored();
    }

    /** The hand-worked payload size is the one the envelope holds, so the figures count what reached the backend. */
    private void assertCompressedSizeIsWhatIsStored() {
        harness.kernel.open("app", "s", null).forEachLive(true, (key, keyBytes, envelope) -> {
            if (key.equals("repetitive")) {
                assertTrue(ValueEnvelope.isTransformed(envelope));
                assertEquals(COMPRESSED, ValueEnvelope.unwrap(envelope).length);
            }
        });
    }

    @Test
    void aStoreWithNoChainReportsNone() {
        Store store = routedThrough(null);
        store.put("repetitive", REPETITIVE);
        assertArrayEquals(REPETITIVE, store.get("repetitive"));

        StoreStatistics statistics = admin.storeStatistics(STORE);
        assertEquals(1, statistics.traffic().writes());
        assertEquals(TransformCounts.NONE, statistics.transforms());
        assertEquals(TransformCounts.NONE, admin.storeStatistics().stream()
                .filter(s -> s.store().equals(STORE)).findFirst().orElseThrow().transforms());
    }

    @Test
    void afterTheChainIsDroppedOnlyReadsOfTransformedValuesCount() {
        Store store = routedThrough("rle");
        store.put("old", REPETITIVE);
        routedThrough(null);
        store.put("new", REPETITIVE);
        store.get("old");
        store.get("new");

        TransformCounts counts = transforms();
        assertEquals(1, counts.encoded());
        assertEquals(1000, counts.encodedBytesIn());
        assertEquals(1, counts.decoded());
        assertEquals(1000, counts.decodedBytesOut());
    }

    private static byte[] filled(int length, char c) {
        byte[] value = new byte[length];
        Arrays.fill(value, (byte) c);
        return value;
    }

    private static byte[] distinct(int length) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) i;
        }
        return value;
    }

}
