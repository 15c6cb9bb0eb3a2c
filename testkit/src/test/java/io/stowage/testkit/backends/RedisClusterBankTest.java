package io.stowage.testkit.backends;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.stowage.api.Store;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.store.Bank;
import io.stowage.testlog.Loggers;

/**
 * A {@link Bank} on a store of the master that is killed with SIGKILL and restarted, and one on a store of another
 * master, on a three-master cluster, each with four tellers and an auditor: the transactions on the dead master's
 * store fail as unavailable or commit, none commits half or twice, every snapshot holds the total, the other bank
 * goes on meanwhile, and once the master is back its bank commits again; on each client.
 */
class RedisClusterBankTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1_000);
    private static final long OUTAGE_MILLIS = 3_000;

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"jedis", "lettuce"})
    void transfersOnADeadMasterFailTypedOrCommitWholeAndTheTotalHolds(String client) throws Exception {
        try (RedisCluster cluster = RedisCluster.start(folder.resolve("cluster"))) {
            RedisBackend backend = RedisBackend.outsideCluster("bank", cluster.masters().stream()
                    .map(m -> m.host() + ":" + m.port()).toList(), client, TIMEOUT, Loggers.silent());
            try (EmbeddedKernel kernel = EmbeddedKernel.serve(backend)) {
                RedisServer victim = cluster.masters().get(1);
                Store onVictim = storeOn(kernel, cluster, 1);
                Store elsewhere = storeOn(kernel, cluster, 0);
                Bank failing = Bank.open(onVictim, 8, 1_000);
                Bank serving = Bank.open(elsewhere, 8, 1_000);
                List<Bank> banks = List.of(failing, serving);
                banks.forEach(bank -> bank.start(4, 1));
                try {
                    await("transfers before the kill", () -> failing.transfers() >= 100 && serving.transfers() >= 100,
                            banks);
                    victim.kill();
                    long killed = System.nanoTime();
                    long servedBefore = serving.transfers();
                    // The outage lasts its time, while the other master's bank must go on
                    await("an outage of " + OUTAGE_MILLIS + " ms", () -> failing.unavailable() > 0
                            && serving.transfers() >= servedBefore + 100
                            && System.nanoTime() - killed >= TimeUnit.MILLISECONDS.toNanos(OUTAGE_MILLIS), banks);
                    victim.restart();
                    long failedBefore = failing.transfers();
                    await("transfers after the restart", () -> failing.transfers() >= failedBefore + 100, banks);
                } finally {
                    for (Bank bank : banks) {
                        bank.stop();
                    }
                }
                for (Bank bank : banks) {
                    bank.verify();
                    assertEquals(List.of(), bank.failures(), bank.summary());
                }
                assertTrue(failing.unavailable() > 0, failing.summary());
            } finally {
                backend.close();
            }
        }
    }

    /**
     * A new store whose keys live on the master at {@code index}: a store's first write also creates it in the
     * kernel's directory, so its second one tells where it lives.
     */
    private static Store storeOn(EmbeddedKernel kernel, RedisCluster cluster, int index) throws IOException {
        for (int s = 0; s < 64; s++) {
            Store store = kernel.namespace("io.stowage.bank").store("ledger" + index + "-" + s);
            store.put("created", "yes".getBytes(UTF_8));
            List<Long> before = cluster.keysPerMaster();
            store.put("located", "yes".getBytes(UTF_8));
            List<Long> after = cluster.keysPerMaster();
            if (after.get(index) > before.get(index)) {
                store.delete("created");
                store.delete("located");
                return store;
            }
        }
        throw new AssertionError("no store of 64 landed on master " + index);
    }

    /** Polls the condition for up to 30 s, failing with the banks' summaries. */
    private static void await(String what, BooleanSupplier condition, List<Bank> banks) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": "
                        + banks.stream().map(Bank::summary).toList());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
