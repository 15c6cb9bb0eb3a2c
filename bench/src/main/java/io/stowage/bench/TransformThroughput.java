package io.stowage.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.stowage.api.Store;
import io.stowage.api.StorageService;
import io.stowage.bench.RawCodecs.RawAesGcm;
import io.stowage.bench.RawCodecs.RawLz4;
import io.stowage.bench.RawCodecs.RawZstd;
import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.bench.SlicedRounds.Side;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;

/**
 * What a transform chain costs a put and a get of a realistic value through the kernel, paired in slices: the
 * kernel's memory backend with the chain, against the same kernel with no chain and the library called by the
 * benchmark itself on the same value before the put and after the get. Both sides then do the same compression or
 * encryption and the same kernel work, so their ratio is what the transform's integration costs (its checksum, its
 * header, its copies); the ratio to the kernel with no chain and no library is the price of the compression itself.
 * One operation is a put of a value followed by a get of the same key.
 */
final class TransformThroughput {

    static final String NAMESPACE = "io.stowage.bench";
    /** Values the stores hold and cycle through: a few MB, so the sides compress different values, not one. */
    static final int WORKING_SET = 4_096;

    /** One step of a value's way through a library, given the value's index in the working set. */
    @FunctionalInterface
    interface ValueStep {
        byte[] apply(byte[] value, int index);
    }

    /** A value's way through a library around the kernel, as an application without Stowage's would take it. */
    record RawRoundTrip(ValueStep seal, ValueStep open) {
    }

    private final TransformServices services;
    private final String[] keys = new String[WORKING_SET];
    private final byte[][] values = new byte[WORKING_SET][];

    TransformThroughput(TransformServices services, CustomerRecords records) {
        this.services = services;
        for (int i = 0; i < WORKING_SET; i++) {
            keys[i] = CustomerRecords.key(i);
            values[i] = records.value(i);
        }
    }

    /** The chains measured, each with its raw counterpart; {@code zstd+aes-gcm} is compressed then encrypted. */
    List<Comparison> comparisons() {
        return List.of(
                new Comparison("zstd", "zstd(level=3)", store -> zstd(),
                        store -> direct(services.zstd, Map.of("level", "3"), store)),
                new Comparison("lz4", "lz4(level=fast)", store -> lz4(),
                        store -> direct(services.lz4, Map.of("level", "fast"), store)),
                new Comparison("aes-gcm", "aes-gcm(key=" + TransformServices.KEY_ALIAS + ")",
                        store -> aesGcm(store, false),
                        store -> direct(services.aesGcm, Map.of("key", TransformServices.KEY_ALIAS), store)),
                new Comparison("zstd+aes-gcm", "zstd(level=3), aes-gcm(key=" + TransformServices.KEY_ALIAS + ")",
                        store -> zstdThenAesGcm(store), null));
    }

    /**
     * One chain's comparison: {@code raw} makes the raw round trip for the store the raw side writes to (the
     * associated data of AES-GCM names it); {@code direct}, when the chain has one step, the round trip through that
     * step's transform called by the benchmark itself, which splits the chain's cost between the transform and the
     * kernel's handling of it.
     */
    record Comparison(String name, String chain, Function<String, RawRoundTrip> raw,
            Function<String, RawRoundTrip> direct) {
    }

    /** Sides of one comparison, on a kernel of their own, and what they leave to check once measured. */
    final class Sides implements AutoCloseable {

        final List<Contender> contenders = new ArrayList<>();
        private final MemoryBackend backend;
        private final EmbeddedKernel kernel;
        private final List<Runnable> checks = new ArrayList<>();
        private long sink;

        Sides(Comparison comparison, boolean cipherPerValueSide) {
            backend = MemoryBackend.outsideFramework("bench", Long.MAX_VALUE, Loggers.silent());
            kernel = services.registerWith(new EmbeddedKernel(backend, "memory", 5_000, System::currentTimeMillis,
                    Loggers.silent()));
            // Store names of one length: AES-GCM's associated data names the store, and is as long on every side
            String suffix = comparison.name().replace('+', '_');
            String chained = "chained-" + suffix;
            kernel.routeThrough(NAMESPACE, chained, comparison.chain(), TransformChain.DEFAULT_MIN_SIZE);
            StorageService namespace = kernel.namespace(NAMESPACE);
            contenders.add(Contender.of("chain", throughKernel(namespace.store(chained))));
            String rawStore = "library-" + suffix;
            contenders.add(Contender.of("raw", aroundKernel(namespace.store(rawStore),
                    comparison.raw().apply(rawStore))));
            contenders.add(Contender.of("none", throughKernel(namespace.store("nochain-" + suffix))));
            if (comparison.direct() != null) {
                String directStore = "stepped-" + suffix;
                contenders.add(Contender.of("transform", aroundKernel(namespace.store(directStore),
                        comparison.direct().apply(directStore))));
            }
            if (cipherPerValueSide) {
                String perValueStore = "percall-" + suffix;
                contenders.add(Contender.of("raw-cipher-per-value", aroundKernel(namespace.store(perValueStore),
                        aesGcm(perValueStore, true))));
            }
        }

        long sink() {
            checks.forEach(Runnable::run);
            return sink;
        }

        /** Puts and gets the value as it is: the store's route applies its chain, or none. */
        private Side throughKernel(Store store) {
            load(store, (value, i) -> value);
            checks.add(() -> check(store, (stored, i) -> stored));
            int[] next = {0};
            return () -> {
                int i = next[0]++ & (WORKING_SET - 1);
                store.put(keys[i], values[i]);
                sink += store.get(keys[i]).length;
                return 1;
            };
        }

        /** Seals the value by the library, puts and gets it through a store with no chain, and opens it. */
        private Side aroundKernel(Store store, RawRoundTrip raw) {
            ValueStep seal = raw.seal();
            ValueStep open = raw.open();
            load(store, seal);
            checks.add(() -> check(store, open));
            int[] next = {0};
            return () -> {
                int i = next[0]++ & (WORKING_SET - 1);
                store.put(keys[i], seal.apply(values[i], i));
                sink += open.apply(store.get(keys[i]), i).length;
                return 1;
            };
        }

        private void load(Store store, ValueStep seal) {
            for (int i = 0; i < WORKING_SET; i++) {
                store.put(keys[i], seal.apply(values[i], i));
            }
        }

        /** Every value reads back as it was written: a side that lost or garbled values would be quick for nothing. */
        private void check(Store store, ValueStep open) {
            for (int i = 0; i < WORKING_SET; i++) {
                if (!Arrays.equals(open.apply(store.get(keys[i]), i), values[i])) {
                    throw new IllegalStateException(store + ": key " + keys[i] + " does not read back its value");
                }
            }
        }

        @Override
        public void close() {
            kernel.close();
            backend.close();
        }
    }

    private static RawRoundTrip zstd() {
        RawZstd zstd = new RawZstd(3);
        return new RawRoundTrip((value, i) -> zstd.compress(value), (stored, i) -> zstd.decompress(stored));
    }

    private RawRoundTrip lz4() {
        RawLz4 lz4 = new RawLz4();
        return new RawRoundTrip((value, i) -> lz4.compress(value),
                (stored, i) -> lz4.decompress(stored, values[i].length));
    }

    private RawRoundTrip aesGcm(String store, boolean cipherPerValue) {
        RawAesGcm aes = new RawAesGcm(services.key, cipherPerValue);
        byte[][] aad = associatedData(store);
        return new RawRoundTrip((value, i) -> aes.encrypt(value, aad[i]), (stored, i) -> aes.decrypt(stored, aad[i]));
    }

    private RawRoundTrip zstdThenAesGcm(String store) {
        RawRoundTrip zstd = zstd();
        RawRoundTrip aes = aesGcm(store, false);
        return new RawRoundTrip((value, i) -> aes.seal().apply(zstd.seal().apply(value, i), i),
                (stored, i) -> zstd.open().apply(aes.open().apply(stored, i), i));
    }

    /**
     * The transform's step applied and undone by the benchmark around a store with no chain: the transform's own
     * work (its checksum, copies, key lookup) without the kernel's chain header, binding and envelope. The step's
     * header is kept beside the value, by index, rather than stored.
     */
    private RawRoundTrip direct(ValueTransform transform, Map<String, String> parameters, String store) {
        TransformStep step = transform.bind(parameters);
        ValueIdentity[] identities = new ValueIdentity[WORKING_SET];
        byte[][] headers = new byte[WORKING_SET][];
        for (int i = 0; i < WORKING_SET; i++) {
            identities[i] = new ValueIdentity(NAMESPACE, store, keys[i]);
        }
        int format = transform.formatVersion();
        return new RawRoundTrip((value, i) -> {
            Transformed result = step.apply(value, identities[i]);
            if (result == null) {
                throw new IllegalStateException(transform.type() + " left value " + i + " as it was: the direct side "
                        + "compares only values a step transforms");
            }
            headers[i] = result.header();
            return result.data();
        }, (stored, i) -> transform.decode(format, headers[i], stored, identities[i]));
    }

    /** Each key's associated data made once: the raw side is held to the cipher's work alone. */
    private byte[][] associatedData(String store) {
        byte[][] aad = new byte[WORKING_SET][];
        for (int i = 0; i < WORKING_SET; i++) {
            aad[i] = RawAesGcm.associatedData(NAMESPACE, store, keys[i]);
        }
        return aad;
    }

    /** Mean value length of the working set, for the report. */
    double meanValueBytes() {
        return Arrays.stream(values).mapToInt(v -> v.length).average().orElse(0);
    }

    static String describe(SlicedRounds.Samples samples) {
        StringBuilder text = new StringBuilder();
        for (int side = 0; side < samples.labels().size(); side++) {
            text.append(String.format(Locale.ROOT, "%s%s=%.0f ops/s %.0f B/op", side == 0 ? "" : ", ",
                    samples.labels().get(side), samples.rate(side), samples.bytesPerOperation(side)));
        }
        return text.toString();
    }
}
