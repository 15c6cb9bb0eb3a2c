package io.stowage.kernel.frontend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.SilentLogger;

/**
 * The per-store and per-configuration MBeans as a JMX client reads them from the platform MBean server: registered
 * when a store becomes known or a configuration appears, their figures moving with the operations, a
 * configuration's gone with it, and all gone when the registration closes (the kernel stops).
 */
class MetricsMBeansTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void storesAndConfigurationsHaveMBeansWhoseFiguresMove() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            List<InstanceStatistics> configurations = new CopyOnWriteArrayList<>(List.of(
                    new InstanceStatistics("default", "memory", "1.0.0", "serving", 0, "")));
            KernelMBeanRegistration registration = new KernelMBeanRegistration(
                    new StowageStatistics(harness.kernel, () -> configurations), SilentLogger.create());
            try {
                Store early = harness.namespace("app").store("early");
                MetricsMBeans beans = new MetricsMBeans(harness.kernel, () -> configurations, registration);
                harness.kernel.onStoreKnown(beans::storeKnown);
                harness.kernel.openedRoutes().forEach(beans::storeKnown);
                beans.configurationsChanged();
                Store users = harness.namespace("app").store("users");

                ObjectName store = new ObjectName("io.stowage:type=Store,namespace=app,name=users");
                ObjectName backend = new ObjectName("io.stowage:type=Backend,name=default");
                assertTrue(server.isRegistered(store));
                assertTrue(server.isRegistered(new ObjectName("io.stowage:type=Store,namespace=app,name=early")),
                        "a store opened before the MBeans were kept");
                assertTrue(server.isRegistered(backend));
                assertEquals(0L, server.getAttribute(store, "Writes"));

                users.put("k", "value".getBytes(UTF_8));
                users.get("k");
                users.get("nope");
                early.put("e", "1".getBytes(UTF_8));

                assertEquals("default", server.getAttribute(store, "Configuration"));
                assertEquals(1L, server.getAttribute(store, "Writes"));
                assertEquals(2L, server.getAttribute(store, "Reads"));
                assertEquals(1L, server.getAttribute(store, "Misses"));
                assertEquals(6L, server.getAttribute(store, "BytesWritten"));
                assertEquals(6L, server.getAttribute(store, "BytesRead"));
                CompositeData reads = (CompositeData) server.getAttribute(store, "ReadLatency");
                assertEquals(2L, reads.get("timed"));
                assertTrue((Double) reads.get("maxMicros") > 0);
                assertTrue((Double) reads.get("p50Micros") <= (Double) reads.get("p99Micros"));
                assertTrue((Long) reads.get("windowSeconds") >= 60);
                CompositeData contents = (CompositeData) server.invoke(store, "measureContents", null, null);
                assertEquals(1L, contents.get("keys"));
                assertEquals(6L, contents.get("bytes"));

                assertEquals(5L, server.getAttribute(backend, "Operations"), "both stores' operations");
                assertEquals(8L, server.getAttribute(backend, "BytesWritten"));
                assertEquals("serving", server.getAttribute(backend, "State"));
                assertEquals("memory", server.getAttribute(backend, "Type"));
                assertArrayEquals(new String[] {"app/early", "app/users"},
                        (String[]) server.getAttribute(backend, "Stores"));
                assertEquals(2L, ((CompositeData) server.getAttribute(backend, "WriteLatency")).get("timed"));

                configurations.add(new InstanceStatistics("odd,name=x:y", "memory", "", "unused", 0, ""));
                beans.configurationsChanged();
                ObjectName odd = new ObjectName("io.stowage:type=Backend,name=" + ObjectName.quote("odd,name=x:y"));
                assertTrue(server.isRegistered(odd), "a name with JMX's own characters is quoted");
                assertEquals("odd,name=x:y", server.getAttribute(odd, "Name"));

                configurations.remove(0);
                beans.configurationsChanged();
                assertFalse(server.isRegistered(backend), "a deleted configuration's MBean goes");
                assertTrue(server.isRegistered(odd));
                assertTrue(server.isRegistered(store), "stores stay while the kernel runs");
            } finally {
                registration.close();
            }
            assertTrue(server.queryNames(new ObjectName("io.stowage:*"), null).isEmpty(),
                    "nothing left: " + server.queryNames(new ObjectName("io.stowage:*"), null));
            harness.namespace("app").store("after-close");
            assertTrue(server.queryNames(new ObjectName("io.stowage:*"), null).isEmpty(),
                    "nothing registered after the kernel stopped");
        }
    }

    @Test
    void namesAreQuotedOnlyWhereJmxNeedsIt() throws Exception {
        assertEquals(new ObjectName("io.stowage:type=Backend,name=default"), ObjectNames.backend("default"));
        assertEquals(new ObjectName("io.stowage:type=Store,namespace=org.example.app,name=user-data_1"),
                ObjectNames.store("org.example.app", "user-data_1"));
        for (String odd : new String[] {"a,b", "a=b", "a:b", "a\"b", "a*", "a?", "a\\b", "a\nb", ""}) {
            ObjectName name = ObjectNames.backend(odd);
            assertFalse(name.isPattern(), odd);
            assertEquals(odd, ObjectName.unquote(name.getKeyProperty("name")), odd);
            assertEquals(2, name.getKeyPropertyList().size(), "still just type and name: " + name);
        }
    }
}
