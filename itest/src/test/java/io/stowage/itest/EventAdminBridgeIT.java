package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.Store;

/**
 * The Event Admin bridge in a running framework with Felix's Event Admin: the committed changes of the configured
 * stores, and only those, reach a handler on their namespace's topic in commit order with their values and the
 * sweep's expiries; a changed configuration follows other stores, a bad one fails naming the pattern, and a deleted
 * one ends every thread the bridge started.
 */
public class EventAdminBridgeIT extends FrameworkProbe {

    private static final String PID = "io.stowage.eventadmin";
    private static final String NAMESPACE = "it.events";
    private static final String THREAD_PREFIX = "stowage-eventadmin ";

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> handler;
    private Configuration bridge;

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("org.apache.felix.eventadmin", "eventadmin-bridge-bundle");
    }

    @Before
    public void handlerAndBackend() throws IOException {
        StowageFramework.defaultMemoryBackend(configurations);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "io/stowage/store/it/*");
        handler = context.registerService(EventHandler.class, received::add, properties);
        bridge = configurations.getConfiguration(PID, "?");
    }

    @After
    public void removeHandlerAndBridge() throws Exception {
        handler.unregister();
        Configuration[] left = configurations.listConfigurations("(service.pid=" + PID + ")");
        for (Configuration configuration : left == null ? new Configuration[0] : left) {
            configuration.delete();
        }
        StowageFramework.await("the bridge's threads to end", 15_000, () -> bridgeThreads().isEmpty());
    }

    @Test
    public void theConfiguredStoresChangesReachTheirNamespacesTopicInCommitOrderAndNothingElseDoes()
            throws Exception {
        configure(true, NAMESPACE + "/orders-*");
        StowageAdmin admin = admin();
        try (Store orders = admin.openStore(new StoreId(NAMESPACE, "orders-1"));
                Store audit = admin.openStore(new StoreId(NAMESPACE, "audit"));
                Store elsewhere = admin.openStore(new StoreId("it.other", "orders-1"))) {
            StowageFramework.await("the bridge to follow orders-1", 10_000,
                    () -> bridgeThreads().equals(List.of(THREAD_PREFIX + NAMESPACE + "/orders-1")));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                orders.put("o-" + (i % 50), ("v" + i).getBytes(UTF_8));
                expected.add("PUT o-" + (i % 50));
                audit.put("a-" + i, "x".getBytes(UTF_8));
                elsewhere.put("e-" + i, "x".getBytes(UTF_8));
                if (i % 7 == 0) {
                    orders.delete("o-" + (i % 50));
                    expected.add("DELETE o-" + (i % 50));
                }
            }
            orders.put("short-lived", "soon gone".getBytes(UTF_8), Duration.ofMillis(1));
            expected.add("PUT short-lived");
            StowageFramework.await("the entry to expire", 10_000, () -> orders.get("short-lived") == null);
            StowageFramework.await("the sweep to remove it", 10_000, () -> admin.sweepExpired() == 0
                    && received.stream().anyMatch(event -> "EXPIRE".equals(event.getProperty("kind"))));
            expected.add("EXPIRE short-lived");

            StowageFramework.await(expected.size() + " events", 10_000, () -> received.size() >= expected.size());
            assertEquals(expected, received.stream().map(event -> event.getProperty("kind") + " "
                    + event.getProperty("key")).collect(Collectors.toList()));
            long previous = Long.MIN_VALUE;
            for (Event event : received) {
                assertEquals("io/stowage/store/it/events", event.getTopic());
                assertEquals(NAMESPACE, event.getProperty("namespace"));
                assertEquals("orders-1", event.getProperty("store"));
                long position = (Long) event.getProperty("position");
                assertTrue("positions rise: " + previous + " then " + position, position > previous);
                previous = position;
            }
            assertArrayEquals("v299".getBytes(UTF_8), (byte[]) received.stream()
                    .filter(event -> "o-49".equals(event.getProperty("key"))).reduce((a, b) -> b).orElseThrow()
                    .getProperty("value"));
        }
    }

    @Test
    public void aNewConfigurationFollowsOtherStoresWithoutValuesAndABadPatternFailsNamingIt() throws Exception {
        configure(false, NAMESPACE + "/first");
        StowageAdmin admin = admin();
        try (Store first = admin.openStore(new StoreId(NAMESPACE, "first"));
                Store second = admin.openStore(new StoreId(NAMESPACE, "second"))) {
            StowageFramework.await("the bridge to follow first", 10_000,
                    () -> bridgeThreads().equals(List.of(THREAD_PREFIX + NAMESPACE + "/first")));
            first.put("k", "v".getBytes(UTF_8));
            StowageFramework.await("the put on first", 10_000, () -> received.size() == 1);
            assertEquals(null, received.get(0).getProperty("value"));

            configure(false, NAMESPACE + "/second");
            StowageFramework.await("the bridge to follow second only", 10_000,
                    () -> bridgeThreads().equals(List.of(THREAD_PREFIX + NAMESPACE + "/second")));
            second.put("k2", "v".getBytes(UTF_8));
            StowageFramework.await("the put on second", 10_000, () -> received.size() == 2);
            assertEquals("second", received.get(1).getProperty("store"));

            configure(false, "no-slash-here");
            StowageFramework.await("the bridge's threads to end", 15_000, () -> bridgeThreads().isEmpty());
            StowageFramework.await("SCR to report the failed activation", 10_000,
                    () -> failure().contains("stores pattern 'no-slash-here' is not namespace/store"));
        }
    }

    @Test
    public void deletingTheConfigurationEndsEveryThreadItStarted() throws Exception {
        // A namespace of its own: the stores the other tests made stay known to the kernel
        String namespace = NAMESPACE + ".all";
        configure(false, namespace + "/*");
        StowageAdmin admin = admin();
        try (Store one = admin.openStore(new StoreId(namespace, "one"));
                Store two = admin.openStore(new StoreId(namespace, "two"))) {
            StowageFramework.await("a thread per store", 10_000, () -> bridgeThreads().equals(
                    List.of(THREAD_PREFIX + namespace + "/one", THREAD_PREFIX + namespace + "/two")));
            bridge.delete();
            StowageFramework.await("the bridge's threads to end", 15_000, () -> bridgeThreads().isEmpty());
            one.put("still", "writable".getBytes(UTF_8));
            assertArrayEquals("writable".getBytes(UTF_8), one.get("still"));
        }
    }

    private void configure(boolean values, String... stores) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("stores", stores);
        properties.put("values", values);
        bridge.update(properties);
    }

    private StowageAdmin admin() throws InterruptedException {
        StowageFramework.await("the admin service", 10_000,
                () -> context.getServiceReference(StowageAdmin.class) != null);
        return context.getService(context.getServiceReference(StowageAdmin.class));
    }

    /** The names of the bridge's threads, sorted. */
    private static List<String> bridgeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(THREAD_PREFIX)).sorted().collect(Collectors.toList());
    }

    /** The bridge component's failure as SCR reports it, or "". */
    private String failure() {
        Bundle bundle = bundle("io.stowage.eventadmin.bridge");
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle,
                "io.stowage.eventadmin.EventAdminBridge");
        if (description == null) {
            return "";
        }
        return scr.getComponentConfigurationDTOs(description).stream()
                .filter(component -> component.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                .map(component -> String.valueOf(component.failure)).collect(Collectors.joining("; "));
    }
}
