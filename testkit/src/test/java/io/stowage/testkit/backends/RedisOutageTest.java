package io.stowage.testkit.backends;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testlog.Loggers;

/**
 * A redis-server killed with SIGKILL in the middle of a write loop, then started again: operations fail as "backend
 * unavailable" within the command timeout and never hang, the same store handle works again without any action,
 * and with appendfsync always no acknowledged write is lost; on each client.
 */
class RedisOutageTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1_000);
    /** What an error may take beyond the command timeout on a loaded machine. */
    private static final long SLACK_MILLIS = 1_500;

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void aKilledServerGivesTypedErrorsAndLosesNoAcknowledgedWrite(String client) throws Exception {
        try (RedisServer server = RedisServer.start(folder.resolve("redis"), "--appendonly", "yes",
                "--appendfsync", "always")) {
            RedisBackend backend = RedisBackend.outsideFramework("outage", server.host(), server.port(), client,
                    TIMEOUT, Loggers.silent());
            try (EmbeddedKernel kernel = EmbeddedKernel.serve(backend)) {
                Store store = kernel.namespace("io.stowage.outage").store("orders");
                List<Integer> acknowledged = new ArrayList<>();
                List<String> failures = new ArrayList<>();
                int next = 0;
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                long restartAt = killAt + TimeUnit.MILLISECONDS.toNanos(2_000);
                boolean killed = false;
                boolean restarted = false;
                long recoverBy = Long.MAX_VALUE;
                int afterRestart = 0;
                while (afterRestart < 100) {
                    long now = System.nanoTime();
                    if (!killed && now >= killAt) {
                        server.kill();
                        killed = true;
                    }
                    if (killed && !restarted && now >= restartAt) {
                        server.restart();
                        restarted = true;
                        recoverBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    }
                    assertTrue(System.nanoTime() < recoverBy, "the store did not work again within 10 s of the "
                            + "restart; last failures: " + failures.subList(Math.max(0, failures.size() - 3),
                                    failures.size()));
                    int i = next++;
                    long started = System.nanoTime();
                    try {
                        store.put("order:" + i, ("v" + i).getBytes(UTF_8));
                        acknowledged.add(i);
                        if (restarted) {
                            afterRestart++;
                        }
                    } catch (StorageException e) {
                        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                        assertTrue(e instanceof BackendUnavailableException, "not typed as unavailable: " + e);
                        assertTrue(took <= TIMEOUT.toMillis() + SLACK_MILLIS, "an error took " + took + " ms: " + e);
                        failures.add(e.getMessage());
                        Thread.sleep(5);
                    }
                }
                assertTrue(!failures.isEmpty(), "no operation failed while the server was down");
                assertTrue(failures.stream().anyMatch(m -> m.contains("unreachable") || m.contains("no answer")),
                        failures.get(0));
                for (int i : acknowledged) {
                    assertArrayEquals(("v" + i).getBytes(UTF_8), store.get("order:" + i), "acknowledged write "
                            + i + " of " + acknowledged.size() + " lost");
                }
                // A write that failed as unknown may have been applied: between the acknowledged and all attempts
                int stored = store.keys("order:*", next + 1).items().size();
                assertTrue(stored >= acknowledged.size() && stored <= acknowledged.size() + failures.size(),
                        stored + " keys for " + acknowledged.size() + " acknowledged writes");
            } finally {
                backend.close();
            }
        }
    }
}
