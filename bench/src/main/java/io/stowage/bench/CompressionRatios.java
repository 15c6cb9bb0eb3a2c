package io.stowage.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

import io.stowage.api.Store;
import io.stowage.bench.RawCodecs.RawLz4;
import io.stowage.bench.RawCodecs.RawZstd;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.StoreDirectory;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.spi.BackendEntry;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;

/**
 * Compression ratios through Stowage against the library's own on the same values at the same setting: the values
 * are put through a kernel whose store is routed through the chain, and what Stowage stores is every byte the
 * backend then holds as values (envelope byte, transform header, compressed data), read back by a scan of the raw
 * backend; the library's is the length of its compressed output alone. Exact, not sampled: every value counts.
 */
record CompressionRatios(TransformServices services, CustomerRecords records, int values) {

    static final double GOAL = 0.99;

    /** One chain's totals over the same values. */
    record Ratio(String name, String chain, int values, long original, long stored, long raw, int leftPlain) {

        /** Original bytes over the bytes Stowage stored for them. */
        double throughStowage() {
            return (double) original / stored;
        }

        double rawRatio() {
            return (double) original / raw;
        }

        /** Stowage's ratio over the library's: raw bytes over stored bytes. */
        double ratioOfRatios() {
            return (double) raw / stored;
        }

        double overheadPerValue() {
            return (double) (stored - raw) / values;
        }

        String text() {
            return String.format(Locale.ROOT, "transform.%s.compression-ratio-vs-raw: ratio-of-ratios=%.4f (exact over "
                    + "%d values) stowage=%.3f (%d -> %d B) raw=%.3f (%d B) overhead=%.1f B/value, %d values left "
                    + "plain goal>=%.2f %s", name, ratioOfRatios(), values, throughStowage(), original, stored,
                    rawRatio(), raw, overheadPerValue(), leftPlain, GOAL, ratioOfRatios() >= GOAL ? "met" : "not met");
        }
    }

    List<Ratio> measure() {
        List<Ratio> ratios = new ArrayList<>();
        RawZstd zstd = new RawZstd(3);
        ratios.add(measure("zstd", "zstd(level=3)", value -> zstd.compress(value).length));
        RawLz4 lz4 = new RawLz4();
        ratios.add(measure("lz4", "lz4(level=fast)", value -> lz4.compress(value).length));
        return ratios;
    }

    private Ratio measure(String name, String chain, ToIntFunction<byte[]> rawLength) {
        MemoryBackend backend = MemoryBackend.outsideFramework("ratio", Long.MAX_VALUE, Loggers.silent());
        try (EmbeddedKernel kernel = services.registerWith(new EmbeddedKernel(backend, "memory", 5_000,
                System::currentTimeMillis, Loggers.silent()))) {
            kernel.routeThrough(TransformThroughput.NAMESPACE, "ratio", chain, TransformChain.DEFAULT_MIN_SIZE);
            Store store = kernel.namespace(TransformThroughput.NAMESPACE).store("ratio");
            long original = 0;
            long raw = 0;
            for (int i = 0; i < values; i++) {
                byte[] value = records.value(i);
                original += value.length;
                raw += rawLength.applyAsInt(value);
                store.put(CustomerRecords.key(i), value);
            }
            long[] stored = storedValueBytes(backend, StoreDirectory.prefixOf(backend, TransformThroughput.NAMESPACE,
                    "ratio"));
            if (stored[0] != values) {
                throw new IllegalStateException(name + ": the backend holds " + stored[0] + " values, not " + values);
            }
            return new Ratio(name, chain, values, original, stored[1], raw, (int) stored[2]);
        } finally {
            backend.close();
        }
    }

    /**
     * The store's entries (those under its prefix: the kernel's directory of stores lives in the same backend), the
     * bytes of their values, and how many of them are plain envelopes (first byte 0: no transform applied).
     */
    private static long[] storedValueBytes(MemoryBackend backend, byte[] prefix) {
        long[] totals = new long[3];
        byte[] from = prefix;
        byte[] to = KeyCodec.prefixEnd(prefix);
        while (true) {
            List<BackendEntry> page = backend.scan(from, to, 10_000);
            for (BackendEntry entry : page) {
                totals[0]++;
                totals[1] += entry.value().length;
                totals[2] += entry.value()[0] == 0 ? 1 : 0;
            }
            if (page.isEmpty()) {
                return totals;
            }
            byte[] last = page.get(page.size() - 1).key();
            from = Arrays.copyOf(last, last.length + 1);
        }
    }
}
