package io.stowage.kernel.frontend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.SilentLogger;
import io.stowage.kernel.instance.BackendInstances;

/** The kernel's MXBean as a JMX client sees it: open data read through the platform MBean server. */
class StowageStatisticsTest {

    @Test
    void storesAndInstancesAreReadableOverJmxAndGoWithTheKernel() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(StowageMXBean.OBJECT_NAME);
        try (KernelHarness harness = new KernelHarness()) {
            Store users = harness.namespace("app").store("users");
            users.put("a", "1".getBytes(UTF_8));
            users.put("b", "2".getBytes(UTF_8));
            users.get("a");
            users.get("missing");
            List<InstanceStatistics> instances = List.of(new InstanceStatistics("default", "memory", "1.0.0",
                    "serving", 0, ""));
            KernelMBeanRegistration registration = new KernelMBeanRegistration(
                    new StowageStatistics(harness.kernel, () -> instances), SilentLogger.create());
            try {
                CompositeData[] stores = (CompositeData[]) server.getAttribute(name, "Stores");
                assertEquals(1, stores.length);
                assertEquals("app/users", stores[0].get("store"));
                assertEquals("default", stores[0].get("configuration"));
                assertEquals(2L, stores[0].get("writes"));
                assertEquals(2L, stores[0].get("reads"));
                assertEquals(1L, stores[0].get("misses"));
                CompositeData[] backends = (CompositeData[]) server.getAttribute(name, "BackendInstances");
                assertEquals("serving", backends[0].get("state"));
                assertEquals(2L, server.invoke(name, "countKeys", new Object[] {"app/users"},
                        new String[] {String.class.getName()}));
            } finally {
                registration.close();
            }
            assertFalse(server.isRegistered(name));
        }
    }

    @Test
    void aStaleRegistrationIsReplaced() throws Exception {
        try (KernelHarness first = new KernelHarness(); KernelHarness second = new KernelHarness()) {
            KernelMBeanRegistration stale = new KernelMBeanRegistration(
                    new StowageStatistics(first.kernel, List::of), SilentLogger.create());
            KernelMBeanRegistration fresh = new KernelMBeanRegistration(
                    new StowageStatistics(second.kernel, List::of), SilentLogger.create());
            second.namespace("app").store("only-in-second").put("k", new byte[] {1});
            CompositeData[] stores = (CompositeData[]) ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName(StowageMXBean.OBJECT_NAME), "Stores");
            assertTrue(stores.length == 1 && stores[0].get("store").equals("app/only-in-second"));
            fresh.close();
            stale.close();
        }
    }
}
