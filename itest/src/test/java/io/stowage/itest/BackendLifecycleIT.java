package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.LogReaderService;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * The kernel owns every backend instance: one per configuration, ended (so its @Deactivate runs) when its
 * configuration goes or its extension leaves; store handles wait a bounded time for a backend and then fail.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackendLifecycleIT {

    /** Long enough for a stopped extension to come back within it, short enough to keep the tests quick. */
    private static final long OPERATION_TIMEOUT_MILLIS = 3_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private StorageService storage;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private LogReaderService log;

    @Configuration
    public Option[] config() {
        return StowageFramework.standard();
    }

    @Before
    public void defaultBackend() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        operationTimeout(OPERATION_TIMEOUT_MILLIS);
        StowageFramework.await("the default backend", 10_000, () -> activeMemoryInstances() >= 1);
    }

    @After
    public void memoryExtensionStarted() throws Exception {
        Bundle memory = bundle("io.stowage.storage.memory");
        if (memory.getState() != Bundle.ACTIVE) {
            memory.start();
        }
    }

    @Test
    public void oneInstancePerConfigurationEndedWhenTheConfigurationIsDeleted() throws Exception {
        int before = activeMemoryInstances();
        org.osgi.service.cm.Configuration scratch = StowageFramework.memoryBackend(configurations, "scratch");
        org.osgi.service.cm.Configuration route = configurations.getFactoryConfiguration("io.stowage.store", "routed", "?");
        Dictionary<String, Object> rule = new Hashtable<>();
        rule.put("namespace", storage.namespace());
        rule.put("store", "routed");
        rule.put("backend", "scratch");
        route.update(rule);
        StowageFramework.await("a second instance", 10_000, () -> activeMemoryInstances() == before + 1);

        Store routed = storage.store("routed");
        Store plain = storage.store("plain");
        StowageFramework.await("the route", 10_000, () -> {
            try {
                routed.put("k", "v".getBytes(UTF_8));
                return true;
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        plain.put("k", "v".getBytes(UTF_8));

        scratch.delete();
        StowageFramework.await("the scratch instance to end", 10_000, () -> activeMemoryInstances() == before);
        StowageFramework.await("the scratch instance's @Deactivate", 10_000,
                () -> FrameworkLog.contains(log, "memory backend 'scratch' ended, released"));
        assertThrows(BackendUnavailableException.class, () -> routed.get("k"));
        assertEquals("v", new String(plain.get("k"), UTF_8));
        route.delete();
    }

    @Test
    public void anInstanceNoStoreCanReachIsReleasedAtOnceAndMadeAgainWhenRoutedTo() throws Exception {
        StowageFramework.lmdbBackend(configurations, "spare");
        Thread.sleep(500);
        assertFalse("an instance was made for a configuration no store can reach",
                FrameworkLog.contains(log, "LMDB backend 'spare' opened"));

        org.osgi.service.cm.Configuration route = StowageFramework.route(context, configurations, "spare-store", "spare");
        Store store = storage.store("spare-store");
        StowageFramework.awaitWritable(store, "k", "kept on disk", log);
        route.delete();
        StowageFramework.await("the unused instance to be released", 10_000,
                () -> FrameworkLog.contains(log, "backend configuration 'spare' released: no store is routed to it")
                        && FrameworkLog.contains(log, "LMDB backend 'spare' closed"));

        StowageFramework.route(context, configurations, "spare-store", "spare");
        StowageFramework.await("the configuration to be served again", 10_000, () -> {
            try {
                return store.exists("k");
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        assertEquals("kept on disk", new String(store.get("k"), UTF_8));
    }

    @Test
    public void aSecondConfigurationClaimingTheSameNameWaitsForIt() throws Exception {
        int before = activeMemoryInstances();
        // Instances serve configurations that stores can reach
        StowageFramework.route(context, configurations, "twin", "twin-a");
        org.osgi.service.cm.Configuration first = StowageFramework.memoryBackend(configurations, "twin-a");
        Dictionary<String, Object> sameName = new Hashtable<>();
        sameName.put("name", "twin-a");
        sameName.put("maxKeys", 10L);
        org.osgi.service.cm.Configuration second = configurations.getFactoryConfiguration("io.stowage.memory", "twin-b", "?");
        second.update(sameName);
        StowageFramework.await("one instance for the name", 10_000, () -> activeMemoryInstances() == before + 1);
        Thread.sleep(300);
        assertEquals(before + 1, activeMemoryInstances());

        first.delete();
        StowageFramework.await("the waiting configuration to take the name", 10_000,
                () -> FrameworkLog.contains(log, "memory backend 'twin-a' started (maxKeys 10)"));
        assertEquals(before + 1, activeMemoryInstances());
        second.delete();
        StowageFramework.await("the twin to end", 10_000, () -> activeMemoryInstances() == before);
    }

    @Test
    public void leavingExtensionEndsItsInstancesHandlesFailAfterTheirWaitAndTheDataComesBack() throws Exception {
        Store store = storage.store("leaving");
        store.put("k", "v".getBytes(UTF_8));
        Bundle memory = bundle("io.stowage.storage.memory");
        memory.stop();
        assertTrue(FrameworkLog.contains(log, "memory backend 'default' ended"));
        long start = System.nanoTime();
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> store.get("k"));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("waited " + waited + " ms",
                waited >= OPERATION_TIMEOUT_MILLIS - 50 && waited < OPERATION_TIMEOUT_MILLIS + 5_000);
        assertTrue(e.getMessage(), e.getMessage().contains("'default'"));

        // The kernel kept the volatile contents while no extension was there, and hands them to the next instance
        memory.start();
        StowageFramework.await("the extension to serve again", 10_000, () -> {
            try {
                return store.exists("k");
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        assertEquals("v", new String(store.get("k"), UTF_8));
    }

    @Test
    public void operationIssuedWhileNoBackendIsBoundCompletesWhenOneReturns() throws Exception {
        Store store = storage.store("waiting");
        Bundle memory = bundle("io.stowage.storage.memory");
        memory.stop();
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> store.put("k", "late".getBytes(UTF_8)));
        Thread.sleep(500);
        assertFalse("the put waits for a backend", put.isDone());
        memory.start();
        put.get(15, TimeUnit.SECONDS);
        assertEquals("late", new String(store.get("k"), UTF_8));
    }

    private void operationTimeout(long millis) throws Exception {
        org.osgi.service.cm.Configuration kernel = configurations.getConfiguration("io.stowage.kernel", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("operationTimeoutMillis", millis);
        kernel.update(properties);
        // ConfigAdmin and SCR apply it asynchronously: wait until the kernel component has it
        Bundle kernelBundle = bundle("io.stowage.kernel");
        StowageFramework.await("the kernel to apply its new timeout", 10_000, () -> {
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(kernelBundle,
                    "io.stowage.kernel.KernelComponent");
            return scr.getComponentConfigurationDTOs(description).stream()
                    .anyMatch(c -> Long.valueOf(millis).equals(c.properties.get("operationTimeoutMillis")));
        });
    }

    private int activeMemoryInstances() {
        return StowageFramework.activeMemoryInstances(scr, bundle("io.stowage.storage.memory"));
    }

    private Bundle bundle(String symbolicName) {
        return StowageFramework.installed(context, symbolicName);
    }
}
