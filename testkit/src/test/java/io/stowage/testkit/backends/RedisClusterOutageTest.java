package io.stowage.testkit.backends;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.api.Store;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testlog.Loggers;

/**
 * One master of a three-master cluster killed with SIGKILL while stores on every master are written: the stores on
 * the other masters go on working, the ones on the dead master fail as "backend unavailable" within the command
 * timeout, and all work again once it is restarted, with no acknowledged write lost (appendfsync always); on each
 * client.
 */
class RedisClusterOutageTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1_000);
    private static final long SLACK_MILLIS = 1_500;

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void aDeadMasterFailsOnlyItsStoresAndTheyComeBack(String client) throws Exception {
        try (RedisCluster cluster = RedisCluster.start(folder.resolve("cluster"))) {
            RedisBackend backend = RedisBackend.outsideCluster("outage", cluster.masters().stream()
                    .map(m -> m.host() + ":" + m.port()).toList(), client, TIMEOUT, Loggers.silent());
            try (EmbeddedKernel kernel = EmbeddedKernel.serve(backend)) {
                List<Store> stores = new ArrayList<>();
                for (int s = 0; s < 12; s++) {
                    Store store = kernel.namespace("io.stowage.outage").store("s" + s);
                    store.put("probe", "p".getBytes(UTF_8));
                    stores.add(store);
                }
                RedisServer victim = cluster.masters().get(1);
                List<Integer> acknowledged = new ArrayList<>();
                java.util.Map<Integer, String> failedStores = new java.util.TreeMap<>();
                int failed = 0;
                int next = 0;
                victim.kill();
                long restartAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                boolean restarted = false;
                long recoverBy = Long.MAX_VALUE;
                int cleanRoundsAfterRestart = 0;
                while (cleanRoundsAfterRestart < 3) {
                    if (!restarted && System.nanoTime() >= restartAt) {
                        victim.restart();
                        restarted = true;
                        recoverBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    }
                    assertTrue(System.nanoTime() < recoverBy, "stores did not all work again within 20 s");
                    boolean clean = true;
                    for (Store store : stores) {
                        int i = next++;
                        long started = System.nanoTime();
                        try {
                            store.put("k" + i, ("v" + i).getBytes(UTF_8));
                            acknowledged.add(i);
                        } catch (StorageException e) {
                            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                            assertTrue(e instanceof BackendUnavailableException, "not typed as unavailable: " + e);
                            assertTrue(took <= TIMEOUT.toMillis() + SLACK_MILLIS, "an error took " + took + " ms");
                            failed++;
                            failedStores.putIfAbsent(i % stores.size(), (restarted ? "after restart: " : "")
                                    + e.getMessage());
                            clean = false;
                            Thread.sleep(2);
                        }
                    }
                    if (restarted && clean) {
                        cleanRoundsAfterRestart++;
                    }
                }
                assertTrue(failed > 0, "no store lived on the killed master");
                assertTrue(failedStores.size() < stores.size(), "every store failed, not only those on the killed "
                        + "master: " + failedStores);
                for (int i : acknowledged) {
                    assertArrayEquals(("v" + i).getBytes(UTF_8), stores.get(i % stores.size()).get("k" + i),
                            "acknowledged write " + i + " lost");
                }
            } finally {
                backend.close();
            }
        }
    }
}
