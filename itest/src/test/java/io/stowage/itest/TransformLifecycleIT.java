package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

import io.stowage.api.Store;
import io.stowage.api.TransformUnavailableException;

/**
 * A value transform bundle comes and goes under load without losing a value: for zstd, lz4 and aes-gcm (keys from a
 * PKCS12 keystore), each the chain of a store route, two clients keep writing and reading while the bundle is updated to a higher version and refreshed
 * (no operation fails), then uninstalled (reads of its values fail naming it, writes wait the operation timeout and
 * fail, nothing is deleted), then installed again: every acknowledged write reads back exactly. Update + refresh
 * cycles ({@code stowage.transform.cycles}, 10 in {@code mvn verify}, 50 in the {@code soak} profile) leave every old
 * revision's class loader collectable and load the native library only once: JNI keeps working after each cycle.
 */
public class TransformLifecycleIT extends FrameworkProbe {

    private static final int CYCLES = Integer.getInteger("stowage.transform.cycles", 10);
    private static final long OPERATION_TIMEOUT_MILLIS = 1_000;
    /** What the JVM says when a second class loader loads a native library one already holds. */
    private static final String SECOND_NATIVE_COPY = "already loaded in another classloader";

    /** A transform under test: its bundle's symbolic name, its type, the store whose route chains it, the chain. */
    private record Transform(String bundle, String type, String store, String chain) {
    }

    private static final List<Transform> TRANSFORMS = List.of(
            new Transform("io.stowage.transform.zstd", "zstd", "zstd-routed", "zstd(level=3)"),
            new Transform("io.stowage.transform.lz4", "lz4", "lz4-routed", "lz4"),
            new Transform("io.stowage.transform.aes.gcm", "aes-gcm", "aes-gcm-routed", "aes-gcm(key=main)"));

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("zstd-jni", "transform-zstd-bundle", "lz4-java",
                "transform-lz4-bundle", "transform-aes-gcm-bundle");
    }

    @Before
    public void routes() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.kernelSettings(context, configurations, scr,
                Map.of("defaultBackend", "default", "operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS));
        TestKeystore.configureAesGcm(configurations, Files.createTempDirectory("stowage-keys"), "main", "old");
        for (Transform transform : TRANSFORMS) {
            chainedRoute(transform);
        }
    }

    @Test
    public void updatingUninstallingAndReinstallingATransformUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        for (Transform transform : TRANSFORMS) {
            lifecycleUnderLoad(transform);
        }
    }

    @Test
    public void updateCyclesLeaveNoOldClassLoaderAndNoSecondNativeLibrary() throws Exception {
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        Map<String, BundleRevision> nativeRevisions = new TreeMap<>();
        for (String library : List.of("com.github.luben.zstd-jni", "lz4-java")) {
            nativeRevisions.put(library, revisionOf(bundle(library)));
        }
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            for (Transform transform : TRANSFORMS) {
                Bundle bundle = bundle(transform.bundle());
                oldLoaders.add(new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader()));
                updateAndRefresh(bundle, "2.0." + cycle);
                Store store = storage().store(transform.store());
                String key = "cycle" + cycle;
                StowageFramework.awaitWritable(store, key, new String(TransformLoad.value(key, cycle), UTF_8), log);
                assertEquals(transform.type() + " after update " + cycle,
                        new String(TransformLoad.value(key, cycle), UTF_8), new String(store.get(key), UTF_8));
            }
        }
        for (String library : nativeRevisions.keySet()) {
            assertSame("the native library bundle " + library + " kept its revision",
                    nativeRevisions.get(library), revisionOf(bundle(library)));
        }
        assertEquals("framework log lines about a second native library copy", List.of(),
                FrameworkLog.messages(log).stream().filter(line -> line.contains(SECOND_NATIVE_COPY)
                        || line.contains("UnsatisfiedLinkError")).toList());
        assertEquals("class loaders of old transform revisions still reachable after GC", 0, collect(oldLoaders));
    }

    private void lifecycleUnderLoad(Transform transform) throws Exception {
        Store store = storage().store(transform.store());
        StowageFramework.awaitWritable(store, "probe", new String(TransformLoad.value("probe", 0), UTF_8), log);
        TransformLoad load = new TransformLoad(store);
        try {
            load.awaitProgress("before the update", 200);

            Bundle bundle = bundle(transform.bundle());
            updateAndRefresh(bundle, "3.0.0");
            load.awaitProgress("after the update", 200);
            // Reads and writes wait for the new revision, also those that took the old revision just before SCR
            // deactivated it (the kernel hands them to the next one): the update fails no operation
            assertEquals(transform.type() + ": writes that failed while the transform was updated", List.of(),
                    load.writesUnavailable());
            assertEquals(transform.type() + ": reads that failed while the transform was updated: "
                    + load.unavailableMessages(), 0, load.readsUnavailable());
            assertEquals(transform.type() + ": errors", List.of(), load.errors());

            String location = bundle.getLocation();
            bundle.uninstall();
            refresh(bundle);
            StowageFramework.await("the clients to find " + transform.type() + " missing", 20_000,
                    () -> load.writesUnavailable().stream().filter(message -> message.contains("waited")).count() >= 2);
            TransformUnavailableException read = assertThrows(TransformUnavailableException.class,
                    () -> store.get("probe"));
            assertTrue(read.getMessage(), read.getMessage().contains("'" + transform.type() + "'"));
            long started = System.nanoTime();
            TransformUnavailableException write = assertThrows(TransformUnavailableException.class,
                    () -> store.put("probe", TransformLoad.value("probe", 1)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue("the write waited " + waited + " ms", waited >= OPERATION_TIMEOUT_MILLIS);
            assertTrue(write.getMessage(), write.getMessage().contains("'" + transform.type() + "'"));
            assertTrue("probe kept while its transform is missing", store.exists("probe"));
            assertEquals("keys kept while " + transform.type() + " is missing", new TreeSet<>(
                    load.acknowledged().keySet()), new TreeSet<>(store.keys("client*", 1_000, null).items()));

            Bundle reinstalled = context.installBundle(location);
            reinstalled.start();
            load.awaitProgress("after the reinstall", 200);
        } finally {
            load.close();
        }
        assertEquals(transform.type() + ": errors", List.of(), load.errors());
        Map<String, Long> acknowledged = load.acknowledged();
        assertEquals("probe as written before the uninstall", new String(TransformLoad.value("probe", 0), UTF_8),
                new String(store.get("probe"), UTF_8));
        List<String> lost = new ArrayList<>();
        acknowledged.forEach((key, version) -> {
            byte[] value = store.get(key);
            if (value == null || !new String(value, UTF_8).equals(new String(TransformLoad.value(key, version), UTF_8))) {
                lost.add(key + "@" + version);
            }
        });
        assertEquals(transform.type() + ": acknowledged writes lost", List.of(), lost);
    }

    /** The route of the transform's store: the default backend, through a chain of the transform alone. */
    private void chainedRoute(Transform transform) throws Exception {
        org.osgi.service.cm.Configuration route = configurations.getFactoryConfiguration("io.stowage.store",
                transform.store(), "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("namespace", "*");
        properties.put("store", transform.store());
        properties.put("backend", "default");
        properties.put("transforms", transform.chain());
        route.update(properties);
        String applied = "*/" + transform.store() + " -> default";
        StowageFramework.await("the route " + applied, 10_000, () -> command("stowage:routes").contains(applied));
    }

    private void updateAndRefresh(Bundle bundle, String version) throws Exception {
        bundle.update(TestBundles.atVersion(bundle, version));
        refresh(bundle);
        assertEquals(bundle.getSymbolicName() + " runs again", Bundle.ACTIVE, bundle.getState());
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        TestBundles.refresh(context, bundle);
    }

    /** The bundle's current revision: an update or a refresh would make a new one (and load its library again). */
    private static BundleRevision revisionOf(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        assertNotNull(bundle.getSymbolicName() + " revision", revision);
        return revision;
    }

    /** Runs GC until the references are cleared, for up to 20 s; returns how many remain. */
    private static int collect(List<WeakReference<ClassLoader>> references) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            references.removeIf(reference -> reference.get() == null);
            if (references.isEmpty() || System.currentTimeMillis() > deadline) {
                return references.size();
            }
            System.gc();
            Thread.sleep(100);
        }
    }
}
