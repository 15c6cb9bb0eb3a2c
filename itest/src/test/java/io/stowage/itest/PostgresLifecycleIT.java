package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;

import io.stowage.api.Store;
import io.stowage.storage.sql.testing.PostgresServer;

/**
 * The SQL extension on PostgreSQL comes and goes while it serves: updated under two clients' load with no operation
 * failing and no acknowledged write lost; update cycles leave the server exactly the sessions of one instance (the
 * old instances' connections all closed); update + refresh cycles ({@code stowage.sql.cycles}, 10 in
 * {@code mvn verify}, 50 in the {@code soak} profile) leave no old class loader, no thread, no descriptor and no
 * session of the server behind, and stopping the extension ends every session; a store migrates from LMDB to
 * PostgreSQL and back while it is written, and
 * stowage:hotcopy refuses the PostgreSQL configuration, naming pg_dump.
 */
public class PostgresLifecycleIT extends FrameworkProbe {

    private static final String EXTENSION = "io.stowage.storage.sql";
    private static final int CYCLES = 5;
    private static final int LEAK_CYCLES = Integer.getInteger("stowage.sql.cycles", 10);
    /** Threads the JVM or the framework may start on their own meanwhile (JIT, GC, reference handling). */
    private static final int THREAD_TOLERANCE = 3;
    /** Descriptors the JVM may open on its own meanwhile (class path jars, /proc reads). */
    private static final int FD_TOLERANCE = 5;
    /** Sessions of one instance: one writer and the default four readers. */
    private static final String ONE_INSTANCE = "5";
    /** The application name of the configuration's sessions: "stowage " and the configuration's name. */
    private static final String SESSIONS = "stowage pg";

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("sqlite-jdbc", "postgresql", "storage-sql-bundle")
                .with(StowageFramework.postgresServerForClass());
    }

    @Before
    public void backends() throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.postgresBackend(context, configurations, "pg");
        StowageFramework.kernelSettings(context, configurations, scr,
                Map.of("defaultBackend", "default", "operationTimeoutMillis", 5_000L));
        StowageFramework.route(context, configurations, "on-pg", "pg");
    }

    @Test
    public void updatingTheExtensionUnderLoadFailsNothingAndLeavesOneInstancesSessions() throws Exception {
        Store store = storage().store("on-pg");
        StowageFramework.awaitWritable(store, "probe", "before", log);
        TransformLoad load = new TransformLoad(store);
        try {
            load.awaitProgress("before the update", 200);
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                Bundle extension = bundle(EXTENSION);
                extension.update();
                Revisions.refresh(context, extension);
                assertEquals("the extension runs again", Bundle.ACTIVE, bundle(EXTENSION).getState());
                load.awaitProgress("after update " + cycle, 100);
            }
        } finally {
            load.close();
        }
        assertEquals("operations that failed while the extension was updated", List.of(), load.errors());
        assertEquals("operations that failed while the extension was updated", List.of(), load.writesUnavailable());
        List<String> lost = new ArrayList<>();
        load.acknowledged().forEach((key, version) -> {
            byte[] value = store.get(key);
            if (value == null || !new String(value, UTF_8).equals(new String(TransformLoad.value(key, version),
                    UTF_8))) {
                lost.add(key + "@" + version);
            }
        });
        assertEquals("acknowledged writes lost", List.of(), lost);
        // One writer and the default four readers; the old instances' sessions end as their connections close
        StowageFramework.await("the sessions of exactly one instance", 10_000,
                () -> sessions().equals(ONE_INSTANCE));
    }

    @Test
    public void updateCyclesLeaveNoClassLoaderThreadDescriptorOrSessionBehind() throws Exception {
        Store store = storage().store("on-pg");
        StowageFramework.awaitWritable(store, "warm-up", "warm-up", log);
        // Two cycles first: whatever the framework or the driver starts once (refresh thread, cleaner) is the baseline
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        for (int cycle = 0; cycle < 2; cycle++) {
            cycle(store, "warm-up " + cycle, oldLoaders);
        }
        Revisions.awaitAllCollected("the SQL extension", oldLoaders);
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        int descriptors = openDescriptors();
        StowageFramework.await("the sessions of exactly one instance", 10_000, () -> sessions().equals(ONE_INSTANCE));
        String serverSessions = clientSessions();

        for (int cycle = 1; cycle <= LEAK_CYCLES; cycle++) {
            cycle(store, "cycle " + cycle, oldLoaders);
        }

        Revisions.awaitAllCollected("the SQL extension", oldLoaders);
        StowageFramework.await("the server's client sessions back at " + serverSessions + " (those of one instance)",
                10_000, () -> clientSessions().equals(serverSessions) && sessions().equals(ONE_INSTANCE));
        int after = ManagementFactory.getThreadMXBean().getThreadCount();
        assertTrue("live threads: " + after + ", before the cycles: " + threads, after <= threads + THREAD_TOLERANCE);
        assertTrue("open descriptors: " + openDescriptors() + ", before the cycles: " + descriptors,
                openDescriptors() <= descriptors + FD_TOLERANCE);
        for (int cycle = 1; cycle <= LEAK_CYCLES; cycle++) {
            assertEquals("cycle " + cycle, new String(store.get("cycle " + cycle), UTF_8));
        }

        Bundle extension = bundle(EXTENSION);
        extension.stop();
        try {
            StowageFramework.await("no session of the configuration once the extension stopped", 10_000,
                    () -> sessions().equals("0"));
        } finally {
            extension.start();
        }
        StowageFramework.awaitWritable(store, "restarted", "restarted", log);
    }

    /** Update and refresh the extension, then write through it again; remembers the class loader it had. */
    private void cycle(Store store, String value, List<WeakReference<ClassLoader>> oldLoaders) throws Exception {
        Revisions.updateAndRefresh(context, bundle(EXTENSION), oldLoaders);
        StowageFramework.awaitWritable(store, value, value, log);
    }

    private static int openDescriptors() throws IOException {
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return (int) descriptors.count();
        }
    }

    /** Every client session of the test's server but the one asking, whoever opened it. */
    private String clientSessions() {
        return query("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                + "AND pid <> pg_backend_pid()");
    }

    @Test
    public void aStoreMovesFromLmdbToPostgresqlAndBackWhileItIsWritten() throws Exception {
        Store store = storage().store("travelling");
        for (int i = 0; i < 500; i++) {
            store.put("entry" + i, ("value" + i).getBytes(UTF_8));
        }
        String label = store.namespace() + "/travelling";
        TransformLoad load = new TransformLoad(store);
        try {
            load.awaitProgress("before the migration", 200);
            String toPostgres = command("stowage:migrate " + label + " pg");
            assertTrue(toPostgres, toPostgres.contains("migrated " + label + " from 'default' to 'pg'"));
            load.awaitProgress("on PostgreSQL", 200);
            String back = command("stowage:migrate " + label + " default");
            assertTrue(back, back.contains("migrated " + label + " from 'pg' to 'default'"));
            load.awaitProgress("back on LMDB", 200);
        } finally {
            load.close();
        }
        assertEquals("operations that failed during the migrations", List.of(), load.errors());
        for (int i = 0; i < 500; i++) {
            assertEquals("value" + i, new String(store.get("entry" + i), UTF_8));
        }
        String refused = failure("stowage:hotcopy pg " + Path.of(context.getProperty("stowage.data"), "copies"));
        assertTrue(refused, refused.contains("pg_dump"));
    }

    private String sessions() {
        return query("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + SESSIONS + "'");
    }

    private String query(String sql) {
        try {
            return PostgresServer.sql(PostgresServer.portOf(context.getProperty("stowage.itest.postgres.url")), sql);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
