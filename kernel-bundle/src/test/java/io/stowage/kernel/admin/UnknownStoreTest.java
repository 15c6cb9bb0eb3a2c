package io.stowage.kernel.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.UnknownStoreException;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;
import io.stowage.testlog.Loggers;

/**
 * The operator API's unknown-store message tells a store nothing knows from one routed to a configuration that holds
 * no data for it (a memory configuration after a restart, while stowage:routes still shows the route).
 */
class UnknownStoreTest {

    private KernelHarness harness;
    private BackendInstances instances;
    private StowageAdmin admin;

    @BeforeEach
    void start() {
        harness = new KernelHarness();
        instances = new BackendInstances(harness.kernel, null, Loggers.silent());
        admin = new AdminServiceFactory(harness.kernel, instances, (namespace, store, configuration) -> { },
                Loggers.silent()).view();
    }

    @AfterEach
    void stop() {
        instances.close();
        harness.close();
    }

    @Test
    void aStoreOnTheDefaultConfigurationIsUnknown() {
        UnknownStoreException e = assertThrows(UnknownStoreException.class,
                () -> admin.existingStore(new StoreId("no.such", "store")));

        assertEquals("unknown store no.such/store: no bundle opened it and it holds no data"
                + " (stowage:stores lists the stores)", e.getMessage());
    }

    @Test
    void aStoreRoutedToAnEmptyMemoryConfigurationNamesItAndWhyItIsEmpty() {
        harness.kernel.bind("volatile", new BoundBackend(KernelHarness.memoryBackend("volatile", 1_000), "memory",
                "1.1.0"));
        harness.kernel.updateRules(List.of(new RouteRule("demo.app", "scratch", "volatile")));

        UnknownStoreException e = assertThrows(UnknownStoreException.class,
                () -> admin.existingStore(new StoreId("demo.app", "scratch")));

        assertEquals("unknown store demo.app/scratch: routed to configuration 'volatile', which holds no data for it,"
                + " and no bundle opened it; 'volatile' is memory, which keeps no data across a restart",
                e.getMessage());
    }

    @Test
    void aStoreRoutedToAnEmptyDurableConfigurationNamesItAndTheRoutes() {
        harness.kernel.bind("archive", new BoundBackend(durable(KernelHarness.memoryBackend("archive", 1_000)), "lmdb",
                "1.0.0"));
        harness.kernel.updateRules(List.of(new RouteRule("*", "archive", "archive")));

        UnknownStoreException e = assertThrows(UnknownStoreException.class,
                () -> admin.existingStore(new StoreId("demo.app", "archive")));

        assertEquals("unknown store demo.app/archive: routed to configuration 'archive', which holds no data for it,"
                + " and no bundle opened it (stowage:routes lists the routes)", e.getMessage());
    }

    /** The backend as one that claims to keep its data across restarts. */
    private static StorageBackend durable(StorageBackend backend) {
        EnumSet<Capability> capabilities = EnumSet.copyOf(backend.capabilities());
        capabilities.add(Capability.DURABLE);
        return (StorageBackend) Proxy.newProxyInstance(StorageBackend.class.getClassLoader(),
                new Class<?>[] {StorageBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("capabilities")) {
                        return capabilities;
                    }
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
