package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.Store;

/**
 * The SQL extension on SQLite comes and goes while it serves: updated under two clients' load with no operation
 * failing, uninstalled (writes wait the operation timeout and fail, the file keeps every acknowledged write) and
 * installed again; update + refresh cycles ({@code stowage.sql.cycles}, 10 in {@code mvn verify}, 50 in the
 * {@code soak} profile) leave no old class loader, no thread and no open descriptor of the database, and never load
 * the driver's native library again (its bundle keeps its revision: the extension only imports org.sqlite). A store
 * migrates from LMDB to SQLite and back with stowage:migrate while it is written.
 */
public class SqliteLifecycleIT extends FrameworkProbe {

    private static final int CYCLES = Integer.getInteger("stowage.sql.cycles", 10);
    private static final long OPERATION_TIMEOUT_MILLIS = 1_000;
    private static final String EXTENSION = "io.stowage.storage.sql";
    private static final String DRIVER = "org.xerial.sqlite-jdbc";
    /** Threads the JVM or the framework may start on their own meanwhile (JIT, GC, reference handling). */
    private static final int THREAD_TOLERANCE = 3;

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("sqlite-jdbc", "storage-sql-bundle");
    }

    @Before
    public void backends() throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.sqliteBackend(configurations, "sqlite");
        StowageFramework.kernelSettings(context, configurations, scr,
                Map.of("defaultBackend", "default", "operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS));
        StowageFramework.route(context, configurations, "on-sqlite", "sqlite");
    }

    @Test
    public void updatingUninstallingAndReinstallingTheExtensionUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        Store store = storage().store("on-sqlite");
        StowageFramework.awaitWritable(store, "probe", "before", log);
        TransformLoad load = new TransformLoad(store);
        try {
            load.awaitProgress("before the update", 200);
            updateAndRefresh(bundle(EXTENSION), "2.0.0");
            load.awaitProgress("after the update", 200);
        } finally {
            load.close();
        }
        assertEquals("operations that failed while the extension was updated", List.of(), load.errors());
        assertEquals("operations that failed while the extension was updated", List.of(), load.writesUnavailable());

        Bundle extension = bundle(EXTENSION);
        String location = extension.getLocation();
        extension.uninstall();
        Revisions.refresh(context, extension);
        long started = System.nanoTime();
        BackendUnavailableException missing = assertThrows(BackendUnavailableException.class,
                () -> store.put("probe", "during".getBytes(UTF_8)));
        assertTrue("the write waited the operation timeout",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) >= OPERATION_TIMEOUT_MILLIS);
        assertTrue(missing.getMessage(), missing.getMessage().contains("'sqlite'"));
        assertTrue("the file outlives its extension", Files.isRegularFile(database()));
        assertEquals("descriptors of the database once its extension is gone", List.of(), openFilesOfDatabase());

        context.installBundle(location).start();
        StowageFramework.awaitWritable(store, "after", "reinstalled", log);
        assertEquals("before", new String(store.get("probe"), UTF_8));
        List<String> lost = new ArrayList<>();
        load.acknowledged().forEach((key, version) -> {
            byte[] value = store.get(key);
            if (value == null || !new String(value, UTF_8).equals(new String(TransformLoad.value(key, version),
                    UTF_8))) {
                lost.add(key + "@" + version);
            }
        });
        assertEquals("acknowledged writes lost", List.of(), lost);
    }

    @Test
    public void updateCyclesLeaveNoClassLoaderThreadOrDescriptorAndLoadTheNativeLibraryOnce() throws Exception {
        Store store = storage().store("on-sqlite");
        StowageFramework.awaitWritable(store, "warm-up", "warm-up", log);
        BundleRevision driver = bundle(DRIVER).adapt(BundleRevision.class);
        assertNotNull("the driver's revision", driver);
        // Two cycles first: whatever the framework starts once (refresh thread, class loading) is the baseline
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        for (int cycle = 0; cycle < 2; cycle++) {
            cycle(store, "warm-up " + cycle, oldLoaders);
        }
        Revisions.awaitAllCollected("the SQL extension", oldLoaders);
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        List<String> databaseFiles = openFilesOfDatabase();
        assertTrue("the serving instance holds the database open", !databaseFiles.isEmpty());
        List<String> natives = nativeLibraries();
        // Each framework of this JVM (a test class's) loads its own copy: what counts is that the cycles add none
        assertTrue("sqlite-jdbc extracted its native library", !natives.isEmpty());

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            cycle(store, "cycle " + cycle, oldLoaders);
        }

        Revisions.awaitAllCollected("the SQL extension", oldLoaders);
        int after = ManagementFactory.getThreadMXBean().getThreadCount();
        assertTrue("live threads: " + after + ", before the cycles: " + threads, after <= threads + THREAD_TOLERANCE);
        assertEquals("descriptors of the database: one instance's connections", databaseFiles.size(),
                openFilesOfDatabase().size());
        assertSame("the driver bundle kept its revision", driver, bundle(DRIVER).adapt(BundleRevision.class));
        assertEquals("native libraries sqlite-jdbc extracted", natives, nativeLibraries());
        assertEquals("framework log lines about a second native library copy", List.of(),
                FrameworkLog.messages(log).stream().filter(line -> line.contains("already loaded in another "
                        + "classloader") || line.contains("UnsatisfiedLinkError")).toList());
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            assertEquals("cycle " + cycle, new String(store.get("cycle " + cycle), UTF_8));
        }

        Bundle extension = bundle(EXTENSION);
        extension.stop();
        assertEquals("descriptors of the database once the extension stopped", List.of(), openFilesOfDatabase());
        extension.start();
        StowageFramework.awaitWritable(store, "restarted", "restarted", log);
    }

    @Test
    public void aStoreMovesFromLmdbToSqliteAndBackWhileItIsWritten() throws Exception {
        Store store = storage().store("travelling");
        for (int i = 0; i < 1_000; i++) {
            store.put("entry" + i, ("value" + i).getBytes(UTF_8));
        }
        String label = store.namespace() + "/travelling";
        TransformLoad load = new TransformLoad(store);
        try {
            load.awaitProgress("before the migration", 200);
            String toSqlite = command("stowage:migrate " + label + " sqlite");
            assertTrue(toSqlite, toSqlite.contains("migrated " + label + " from 'default' to 'sqlite'"));
            StowageFramework.await("the saved route", 10_000,
                    () -> command("stowage:routes").contains(label + " -> sqlite"));
            load.awaitProgress("on SQLite", 200);
            String back = command("stowage:migrate " + label + " default");
            assertTrue(back, back.contains("migrated " + label + " from 'sqlite' to 'default'"));
            load.awaitProgress("back on LMDB", 200);
        } finally {
            load.close();
        }
        assertEquals("operations that failed during the migrations", List.of(), load.errors());
        Path copy = Path.of(context.getProperty("stowage.data"), "copies", "sqlite");
        String copied = command("stowage:hotcopy sqlite " + copy);
        assertTrue(copied, copied.contains("copied configuration 'sqlite'"));
        assertTrue("the hot copy's file", Files.size(copy.resolve("sqlite.db")) > 0);
        for (int i = 0; i < 1_000; i++) {
            assertEquals("value" + i, new String(store.get("entry" + i), UTF_8));
        }
        load.acknowledged().forEach((key, version) -> assertEquals(key, new String(TransformLoad.value(key, version),
                UTF_8), new String(store.get(key), UTF_8)));
    }

    /** Update and refresh the extension, then write through it again; remembers the class loader it had. */
    private void cycle(Store store, String value, List<WeakReference<ClassLoader>> oldLoaders) throws Exception {
        Revisions.updateAndRefresh(context, bundle(EXTENSION), oldLoaders);
        StowageFramework.awaitWritable(store, value, value, log);
    }

    private void updateAndRefresh(Bundle bundle, String version) throws Exception {
        bundle.update(TestBundles.atVersion(bundle, version));
        Revisions.refresh(context, bundle);
        assertEquals(bundle.getSymbolicName() + " runs again", Bundle.ACTIVE, bundle.getState());
    }


    private Path database() {
        return Path.of(context.getProperty("stowage.data"), "sqlite", "sqlite.db");
    }

    /** This process's descriptors open on the database file or its -wal and -shm files. */
    private List<String> openFilesOfDatabase() throws IOException {
        String prefix = database().toString();
        List<String> open = new ArrayList<>();
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith(prefix)) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // the listing's own descriptor, closed by now
                }
            }
        }
        return open;
    }

    /** The native libraries sqlite-jdbc extracted (into org.sqlite.tmpdir, set by the build). */
    private static List<String> nativeLibraries() {
        File[] files = new File(System.getProperty("org.sqlite.tmpdir")).listFiles((dir, name) ->
                name.startsWith("sqlite-") && name.endsWith(".so"));
        List<String> names = new ArrayList<>();
        for (File file : files == null ? new File[0] : files) {
            names.add(file.getName());
        }
        return names;
    }

}
