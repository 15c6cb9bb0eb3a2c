package io.stowage.testkit.backends;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.stowage.api.Batch;
import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.Store;
import io.stowage.spi.StorageBackend;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.store.IndexCheck;
import io.stowage.testkit.store.WordsIndexFunction;
import io.stowage.testlog.Loggers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random puts, deletes and batches from two threads at once on a store with a unique and a non-unique index, then
 * every index compared with a recomputation from the data: on memory, LMDB, Redis (a redis-server of its own) and a
 * three-master Redis Cluster of its own, where a value and its entries change in one script on the store's slot.
 * Values are a few words out of a small vocabulary, so the two threads keep colliding on keys and on unique keys.
 */
class IndexConsistencyProperties {

    /** One write: a put of {@code words} under {@code key}, a delete, or a batch of two puts. */
    record Op(int kind, int key, int first, int second) {
    }

    private static final String NAMESPACE = "io.stowage.index.property";
    private static final AtomicInteger STORES = new AtomicInteger();
    private static MemoryBackend memory;
    private static Path lmdbFolder;
    private static LmdbBackend lmdb;
    private static RedisServer server;
    private static RedisBackend redis;
    private static RedisCluster cluster;
    private static RedisBackend clustered;

    @BeforeContainer
    static void start() throws IOException, InterruptedException {
        memory = MemoryBackend.outsideFramework("index-property", 10_000_000L, Loggers.silent());
        lmdbFolder = Files.createTempDirectory("stowage-lmdb-index-property");
        lmdb = LmdbBackend.outsideFramework("index-property", lmdbFolder, 8, 1024, Loggers.silent());
        server = RedisServer.start(Files.createTempDirectory("stowage-redis-index-property"));
        redis = RedisBackend.outsideFramework("index-property", server.host(), server.port(), "jedis",
                Loggers.silent());
        cluster = RedisCluster.start(Files.createTempDirectory("stowage-redis-cluster-index-property"));
        clustered = RedisBackend.outsideCluster("index-property", cluster.masters().stream()
                .map(m -> m.host() + ":" + m.port()).toList(), "jedis", Duration.ofSeconds(2), Loggers.silent());
    }

    @AfterContainer
    static void stop() throws IOException {
        memory.close();
        lmdb.close();
        Folders.delete(lmdbFolder);
        redis.close();
        server.close();
        clustered.close();
        cluster.close();
    }

    @Property(tries = 25)
    void onMemory(@ForAll("writers") List<List<Op>> writers) throws Exception {
        check(memory, writers);
    }

    @Property(tries = 15)
    void onLmdb(@ForAll("writers") List<List<Op>> writers) throws Exception {
        check(lmdb, writers);
    }

    @Property(tries = 15)
    void onRedis(@ForAll("writers") List<List<Op>> writers) throws Exception {
        check(redis, writers);
    }

    @Property(tries = 10)
    void onRedisCluster(@ForAll("writers") List<List<Op>> writers) throws Exception {
        check(clustered, writers);
    }

    private static void check(StorageBackend backend, List<List<Op>> writers) throws Exception {
        try (EmbeddedKernel kernel = EmbeddedKernel.serve(backend)) {
            kernel.withIndexFunction(new WordsIndexFunction(), "1.0.0");
            String name = "s" + STORES.incrementAndGet();
            kernel.createIndex(NAMESPACE, name, "all", "words", false, Duration.ofSeconds(30));
            kernel.createIndex(NAMESPACE, name, "first", "words(first=true)", true, Duration.ofSeconds(30));
            Store store = kernel.namespace(NAMESPACE).store(name);
            CyclicBarrier start = new CyclicBarrier(writers.size());
            ExecutorService threads = Executors.newFixedThreadPool(writers.size());
            try {
                List<Future<Void>> done = threads.invokeAll(writers.stream()
                        .map(ops -> (Callable<Void>) () -> {
                            start.await();
                            ops.forEach(op -> apply(store, op));
                            return null;
                        }).toList());
                for (Future<Void> writer : done) {
                    writer.get();
                }
            } finally {
                threads.shutdown();
            }
            assertEquals("", IndexCheck.disagreement(store, "all", IndexCheck.words(false)));
            assertEquals("", IndexCheck.disagreement(store, "first", IndexCheck.words(true)));
        }
    }

    private static void apply(Store store, Op op) {
        String key = "k" + op.key();
        try {
            switch (op.kind()) {
                case 0 -> store.delete(key);
                case 1 -> store.write(Batch.builder().put(key, words(op.first(), op.second()))
                        .put("k" + (op.key() + 1) % 12, words(op.second(), op.first())).build());
                default -> store.put(key, words(op.first(), op.second()));
            }
        } catch (DuplicateIndexKeyException expected) {
            // the unique index refused it, writing nothing: the comparison afterwards checks that too
        }
    }

    private static byte[] words(int first, int second) {
        return ("w" + first + " w" + second).getBytes(UTF_8);
    }

    @Provide
    Arbitrary<List<List<Op>>> writers() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 15)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60).list().ofSize(2);
    }
}
