package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * The per-store and per-backend-configuration MBeans as a JMX tool reads them from the platform MBean server of a
 * real Felix: their figures move with the operations, a configuration's MBean comes and goes with it, and every
 * MBean of the kernel goes when the kernel stops; after a kernel update, none belongs to the old kernel, whose
 * class loader is collected.
 */
public class MetricsMBeansIT extends FrameworkProbe {

    private static final String KERNEL = "io.stowage.kernel";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    public void storeAndBackendFiguresMoveWithTheOperations() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        Store store = storage().store("watched");
        StowageFramework.awaitWritable(store, "ready", "1", log);
        ObjectName storeName = new ObjectName("io.stowage:type=Store,namespace=" + store.namespace()
                + ",name=watched");
        ObjectName backendName = new ObjectName("io.stowage:type=Backend,name=default");
        StowageFramework.await("the default configuration's MBean", 10_000, () -> server.isRegistered(backendName));
        assertTrue(server.isRegistered(storeName));
        long writes = (Long) server.getAttribute(storeName, "Writes");
        long reads = (Long) server.getAttribute(storeName, "Reads");
        long misses = (Long) server.getAttribute(storeName, "Misses");
        long written = (Long) server.getAttribute(storeName, "BytesWritten");
        long read = (Long) server.getAttribute(storeName, "BytesRead");
        long errors = (Long) server.getAttribute(storeName, "Errors");
        long operations = (Long) server.getAttribute(backendName, "Operations");
        // Only the put above came before on this store: no window rotation can drop an earlier one meanwhile
        long timedReads = latencyCount(storeName, "ReadLatency");
        long timedWrites = latencyCount(storeName, "WriteLatency");

        for (int i = 0; i < 10; i++) {
            store.put("key-" + i, ("value-" + i).getBytes(UTF_8)); // 5 + 7 bytes each
        }
        for (int i = 0; i < 15; i++) {
            store.get("key-" + (i % 10));
        }
        for (int i = 0; i < 5; i++) {
            store.get("absent-" + i);
        }

        assertEquals(10, (Long) server.getAttribute(storeName, "Writes") - writes);
        assertEquals(20, (Long) server.getAttribute(storeName, "Reads") - reads);
        assertEquals(5, (Long) server.getAttribute(storeName, "Misses") - misses);
        assertEquals(10 * 12, (Long) server.getAttribute(storeName, "BytesWritten") - written);
        assertEquals(15 * 12, (Long) server.getAttribute(storeName, "BytesRead") - read);
        assertEquals(errors, server.getAttribute(storeName, "Errors"));
        assertEquals("default", server.getAttribute(storeName, "Configuration"));
        CompositeData readLatency = (CompositeData) server.getAttribute(storeName, "ReadLatency");
        assertEquals(20, (Long) readLatency.get("timed") - timedReads);
        assertEquals(10, latencyCount(storeName, "WriteLatency") - timedWrites);
        double p50 = (Double) readLatency.get("p50Micros");
        double p99 = (Double) readLatency.get("p99Micros");
        double max = (Double) readLatency.get("maxMicros");
        assertTrue("p50 " + p50 + " p99 " + p99 + " max " + max, 0 < p50 && p50 <= p99 && p99 <= max);
        CompositeData contents = (CompositeData) server.invoke(storeName, "measureContents", null, null);
        assertEquals(11L, contents.get("keys"));
        assertEquals(10L * 12 + 5 + 1, contents.get("bytes"));
        long commits = (Long) server.getAttribute(storeName, "TransactionCommits");
        store.transact(tx -> {
            tx.put("key-0", tx.get("key-1"));
            return null;
        });
        assertEquals(1, (Long) server.getAttribute(storeName, "TransactionCommits") - commits);
        assertEquals(0L, server.getAttribute(storeName, "TransactionConflicts"));

        assertEquals("the store's 30 operations, the scan, and the read and the write of the transaction", 33,
                (Long) server.getAttribute(backendName, "Operations") - operations);
        assertTrue("the configuration's write latencies hold the store's", latencyCount(backendName, "WriteLatency")
                >= 10);
        assertEquals("serving", server.getAttribute(backendName, "State"));
        assertEquals("memory", server.getAttribute(backendName, "Type"));
        assertTrue(Arrays.asList((String[]) server.getAttribute(backendName, "Stores"))
                .contains(store.namespace() + "/watched"));

        // A configuration's MBean comes with it and goes with it; a name with JMX's own characters is quoted
        org.osgi.service.cm.Configuration extra = configurations.getFactoryConfiguration("io.stowage.memory",
                "extra", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "extra,odd=1:2");
        extra.update(properties);
        ObjectName extraName = new ObjectName("io.stowage:type=Backend,name=" + ObjectName.quote("extra,odd=1:2"));
        StowageFramework.await("the new configuration's MBean", 10_000, () -> server.isRegistered(extraName));
        assertEquals("unused", server.getAttribute(extraName, "State"));
        assertEquals(0L, server.getAttribute(extraName, "Operations"));
        extra.delete();
        StowageFramework.await("the deleted configuration's MBean to go", 10_000,
                () -> !server.isRegistered(extraName));
        assertTrue(server.isRegistered(backendName));
    }

    @Test
    public void everyMBeanGoesWithTheKernelAndNoneOutlivesAnUpdate() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.awaitWritable(storage().store("kept"), "k", "v", log);
        ObjectName all = new ObjectName("io.stowage:*");
        StowageFramework.await("the kernel's MBeans", 10_000, () -> types(all).containsAll(
                Set.of("Kernel", "Store", "Backend")));
        Bundle kernel = StowageFramework.installed(context, KERNEL);

        kernel.stop();
        assertEquals("MBeans left after the kernel stopped", Set.of(), server.queryNames(all, null));

        kernel.start();
        StowageFramework.await("the restarted kernel's storage service", 10_000, () -> registeredStorage() != null);
        StowageFramework.awaitWritable(storage().store("kept"), "k", "again", log);
        StowageFramework.await("the restarted kernel's MBeans", 10_000, () -> types(all).containsAll(
                Set.of("Kernel", "Store", "Backend")));

        WeakReference<ClassLoader> oldKernel = new WeakReference<>(kernel.adapt(BundleWiring.class).getClassLoader());
        long before = storageServiceId();
        kernel.update();
        refresh(kernel);
        // Compared by service id: holding the old service object would hold the old kernel's class loader
        StowageFramework.await("the updated kernel's storage service", 10_000,
                () -> storageServiceId() != before && storageServiceId() != -1);
        StowageFramework.awaitWritable(storage().store("kept"), "k", "updated", log);
        StowageFramework.await("the updated kernel's MBeans", 10_000, () -> types(all).containsAll(
                Set.of("Kernel", "Store", "Backend")));
        // The MBeans are the management bundle's, which followed the kernel's operator API out and back in
        ClassLoader management = StowageFramework.installed(context, "io.stowage.management")
                .adapt(BundleWiring.class).getClassLoader();
        for (ObjectName name : server.queryNames(all, null)) {
            assertSame(name + " belongs to the management bundle", management, server.getClassLoaderFor(name));
        }
        for (int round = 0; round < 20 && oldKernel.get() != null; round++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull("the old kernel's class loader is still reachable", oldKernel.get());
    }

    private Set<String> types(ObjectName pattern) {
        return server.queryNames(pattern, null).stream().map(name -> name.getKeyProperty("type"))
                .collect(java.util.stream.Collectors.toSet());
    }

    private long latencyCount(ObjectName name, String attribute) throws Exception {
        return (Long) ((CompositeData) server.getAttribute(name, attribute)).get("timed");
    }

    private long storageServiceId() {
        ServiceReference<StorageService> reference = context.getServiceReference(StorageService.class);
        return reference == null ? -1 : (Long) reference.getProperty(org.osgi.framework.Constants.SERVICE_ID);
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh of the kernel finished", refreshed.await(30, TimeUnit.SECONDS));
    }
}
