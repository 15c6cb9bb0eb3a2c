package io.stowage.kernel.migration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.admin.BackupResult;
import io.stowage.admin.RestoreMode;
import io.stowage.admin.RestoreResult;
import io.stowage.api.Store;
import io.stowage.api.UnsupportedFormatException;
import io.stowage.kernel.KernelHarness;

/** Stores to a dump file and back, into another kernel: values, remaining TTLs, and what a non-empty store needs. */
class StoreBackupsTest {

    @TempDir
    Path folder;

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private static void fill(KernelHarness harness) {
        Store users = harness.namespace("app").store("users");
        for (int i = 0; i < 2_500; i++) {
            users.put("user:" + i, b("name" + i));
        }
        harness.namespace("app").store("sessions").put("s1", b("token"), Duration.ofMinutes(10));
        harness.namespace("other").store("cfg").put("mode", b("live"));
    }

    @Test
    void everythingComesBackWithItsRemainingTtl() throws Exception {
        Path dump = folder.resolve("all.dump");
        try (KernelHarness source = new KernelHarness()) {
            fill(source);
            BackupResult backup = new StoreBackups(source.kernel).backup(dump, null);
            assertEquals(2502, backup.entries());
            assertEquals(3, backup.stores());
        }
        try (KernelHarness target = new KernelHarness()) {
            target.clock.advance(Duration.ofMinutes(4));
            RestoreResult restore = new StoreBackups(target.kernel).restore(dump, RestoreMode.REFUSE);
            assertEquals(2502, restore.entries());
            assertEquals(3, restore.stores());
            Store users = target.namespace("app").store("users");
            assertEquals(2_500, users.count());
            assertArrayEquals(b("name1234"), users.get("user:1234"));
            assertArrayEquals(b("live"), target.namespace("other").store("cfg").get("mode"));
            Duration left = target.namespace("app").store("sessions").ttl("s1").remaining();
            assertTrue(left.compareTo(Duration.ofMinutes(5)) > 0 && left.compareTo(Duration.ofMinutes(6)) <= 0,
                    "TTL left: " + left);
        }
    }

    @Test
    void oneStoreOrOneNamespaceAlone() throws Exception {
        try (KernelHarness source = new KernelHarness()) {
            fill(source);
            StoreBackups backups = new StoreBackups(source.kernel);
            BackupResult one = backups.backup(folder.resolve("one.dump"), "other/cfg");
            assertEquals(List.of(1L, 1), List.of(one.entries(), one.stores()));
            BackupResult namespace = backups.backup(folder.resolve("ns.dump"), "app");
            assertEquals(List.of(2501L, 2), List.of(namespace.entries(), namespace.stores()));
        }
    }

    @Test
    void aStoreThatHoldsKeysNeedsMergeOrReplace() throws Exception {
        Path dump = folder.resolve("cfg.dump");
        try (KernelHarness harness = new KernelHarness()) {
            fill(harness);
            StoreBackups backups = new StoreBackups(harness.kernel);
            backups.backup(dump, "other/cfg");
            Store cfg = harness.namespace("other").store("cfg");
            cfg.put("mode", b("changed"));
            cfg.put("extra", b("kept?"));

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> backups.restore(dump, RestoreMode.REFUSE));
            assertTrue(refused.getMessage().contains("other/cfg (2 keys)"), refused.getMessage());
            assertArrayEquals(b("changed"), cfg.get("mode"));

            backups.restore(dump, RestoreMode.MERGE);
            assertArrayEquals(b("live"), cfg.get("mode"));
            assertArrayEquals(b("kept?"), cfg.get("extra"));

            backups.restore(dump, RestoreMode.REPLACE);
            assertArrayEquals(b("live"), cfg.get("mode"));
            assertNull(cfg.get("extra"));
        }
    }

    @Test
    void entriesExpiredSinceTheBackupAreSkipped() throws Exception {
        Path dump = folder.resolve("ttl.dump");
        try (KernelHarness source = new KernelHarness()) {
            source.namespace("app").store("sessions").put("short", b("x"), Duration.ofSeconds(5));
            source.namespace("app").store("sessions").put("long", b("y"), Duration.ofHours(5));
            new StoreBackups(source.kernel).backup(dump, null);
        }
        try (KernelHarness target = new KernelHarness()) {
            target.clock.advance(Duration.ofMinutes(1));
            RestoreResult restore = new StoreBackups(target.kernel).restore(dump, RestoreMode.REFUSE);
            assertEquals(1, restore.expired());
            assertEquals(1, restore.entries());
            assertNull(target.namespace("app").store("sessions").get("short"));
            assertArrayEquals(b("y"), target.namespace("app").store("sessions").get("long"));
        }
    }

    @Test
    void aTruncatedOrForeignFileChangesNothing() throws Exception {
        Path dump = folder.resolve("full.dump");
        try (KernelHarness harness = new KernelHarness()) {
            fill(harness);
            new StoreBackups(harness.kernel).backup(dump, null);
        }
        byte[] bytes = Files.readAllBytes(dump);
        Path truncated = Files.write(folder.resolve("cut.dump"), Arrays.copyOf(bytes, bytes.length / 2));
        Path foreign = Files.writeString(folder.resolve("foreign.dump"), "not a dump at all");
        try (KernelHarness target = new KernelHarness()) {
            StoreBackups backups = new StoreBackups(target.kernel);
            assertTrue(assertThrows(UnsupportedFormatException.class,
                    () -> backups.restore(truncated, RestoreMode.REFUSE)).getMessage().contains("ends before"));
            assertTrue(assertThrows(UnsupportedFormatException.class,
                    () -> backups.restore(foreign, RestoreMode.REFUSE)).getMessage().contains("not a Stowage dump"));
            assertTrue(target.kernel.stores(null).isEmpty(), "nothing restored");
        }
    }
}
