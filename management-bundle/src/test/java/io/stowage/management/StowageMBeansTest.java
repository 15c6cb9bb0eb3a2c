package io.stowage.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.IndexStatistics;
import io.stowage.admin.InstanceState;
import io.stowage.admin.Latencies;
import io.stowage.admin.StoreId;
import io.stowage.admin.StoreStatistics;
import io.stowage.admin.StowageListener;
import io.stowage.admin.Traffic;
import io.stowage.admin.TransactionCounts;
import io.stowage.admin.TransformCounts;
import io.stowage.testlog.Loggers;

/** The MBeans follow the stores and configurations the operator API reports, and all go on deactivation. */
class StowageMBeansTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final Latencies NONE = new Latencies(0, 0, 0, 0, 0, 0);

    private final List<ConfigurationInfo> configurations = new ArrayList<>(List.of(configuration("default")));
    private final List<StowageListener> listeners = new ArrayList<>();
    private final AtomicInteger closedSubscriptions = new AtomicInteger();
    private final AnsweringAdmin admin = new AnsweringAdmin()
            .answer("configurations", args -> List.copyOf(configurations))
            .answer("knownStores", args -> List.of(new StoreId("app", "users")))
            .answer("storeStatistics", args -> args == null
                    ? List.of(statistics(new StoreId("app", "users")))
                    : statistics((StoreId) args[0]))
            .answer("indexStatistics", args -> List.of(new IndexStatistics((StoreId) args[0], "by-email",
                    IndexState.READY, 2, Duration.ofMillis(15), 3, new Latencies(3, 1_000, 2_000, 4_000, 4_000, 4_000),
                    Duration.ofSeconds(60), 4, 1, 1)))
            .answer("subscribe", args -> {
                listeners.add((StowageListener) args[0]);
                return (io.stowage.admin.Subscription) closedSubscriptions::incrementAndGet;
            });
    private StowageMBeans beans;

    @AfterEach
    void deactivate() {
        if (beans != null) {
            beans.deactivate();
        }
    }

    @Test
    void beansComeAndGoWithStoresAndConfigurations() throws Exception {
        beans = new StowageMBeans(admin.admin(), Loggers.silent());
        ObjectName users = new ObjectName("io.stowage:type=Store,namespace=app,name=users");
        assertTrue(SERVER.isRegistered(new ObjectName(StowageMXBean.OBJECT_NAME)));
        assertTrue(SERVER.isRegistered(users));
        assertEquals(3L, SERVER.getAttribute(users, "Reads"));
        assertTrue(SERVER.isRegistered(new ObjectName("io.stowage:type=Backend,name=default")));

        listeners.get(0).storeKnown(new StoreId("app", "orders"));
        assertTrue(SERVER.isRegistered(new ObjectName("io.stowage:type=Store,namespace=app,name=orders")));

        configurations.add(configuration("volatile"));
        listeners.get(0).configurationsChanged();
        assertTrue(SERVER.isRegistered(new ObjectName("io.stowage:type=Backend,name=volatile")));
        configurations.remove(0);
        listeners.get(0).configurationsChanged();
        assertFalse(SERVER.isRegistered(new ObjectName("io.stowage:type=Backend,name=default")));
    }

    /** 4 values, 4000 bytes stored as 1000 in 8 us; 2 transformed values of 250 bytes decoded to 1000 in 3 us. */
    private static final TransformCounts USERS_TRANSFORMS = new TransformCounts(4, 1, 4000, 1000, 8000, 2, 500, 2000,
            3000);

    private static StoreStatistics statistics(StoreId store) {
        return new StoreStatistics(store, "default",
                new Traffic(3, 1, 2, 0, 0, 0, 10, 20, NONE, NONE, Duration.ofSeconds(60)), TransactionCounts.NONE,
                store.store().equals("users") ? USERS_TRANSFORMS : TransformCounts.NONE);
    }

    @Test
    void aStoreBeanShowsWhatItsTransformsDid() throws Exception {
        beans = new StowageMBeans(admin.admin(), Loggers.silent());
        ObjectName users = new ObjectName("io.stowage:type=Store,namespace=app,name=users");
        assertEquals(4L, SERVER.getAttribute(users, "TransformValuesEncoded"));
        assertEquals(1L, SERVER.getAttribute(users, "TransformValuesStoredPlain"));
        assertEquals(4000L, SERVER.getAttribute(users, "TransformBytesIn"));
        assertEquals(1000L, SERVER.getAttribute(users, "TransformBytesOut"));
        assertEquals(0.25, SERVER.getAttribute(users, "TransformRatio"));
        assertEquals(8000L, SERVER.getAttribute(users, "TransformEncodeNanos"));
        assertEquals(2L, SERVER.getAttribute(users, "TransformValuesDecoded"));
        assertEquals(500L, SERVER.getAttribute(users, "TransformDecodedBytesIn"));
        assertEquals(2000L, SERVER.getAttribute(users, "TransformDecodedBytesOut"));
        assertEquals(3000L, SERVER.getAttribute(users, "TransformDecodeNanos"));
        CompositeData row = ((CompositeData[]) SERVER.getAttribute(new ObjectName(StowageMXBean.OBJECT_NAME),
                "Stores"))[0];
        assertEquals(0.25, row.get("transformRatio"));
        assertEquals(4000L, row.get("transformBytesIn"));

        listeners.get(0).storeKnown(new StoreId("app", "orders"));
        ObjectName orders = new ObjectName("io.stowage:type=Store,namespace=app,name=orders");
        assertEquals(0L, SERVER.getAttribute(orders, "TransformValuesEncoded"));
        assertEquals(1.0, SERVER.getAttribute(orders, "TransformRatio"), "nothing went through a transform");
    }

    @Test
    void aStoreBeanShowsHowEachIndexWasUsed() throws Exception {
        beans = new StowageMBeans(admin.admin(), Loggers.silent());
        ObjectName users = new ObjectName("io.stowage:type=Store,namespace=app,name=users");
        CompositeData[] indexes = (CompositeData[]) SERVER.getAttribute(users, "Indexes");
        assertEquals(1, indexes.length);
        CompositeData index = indexes[0];
        assertEquals("by-email", index.get("name"));
        assertEquals("ready", index.get("state"));
        assertEquals(2L, index.get("built"));
        assertEquals(15.0, index.get("buildMillis"));
        assertEquals(3L, index.get("lookups"));
        assertEquals(4.0, ((CompositeData) index.get("lookupLatency")).get("p99Micros"));
        assertEquals(4L, index.get("entriesWritten"));
        assertEquals(1L, index.get("entriesRemoved"));
        assertEquals(1L, index.get("uniqueRefusals"));
    }

    @Test
    void deactivationUnregistersEveryBeanAndEndsTheSubscription() throws Exception {
        beans = new StowageMBeans(admin.admin(), Loggers.silent());
        beans.deactivate();
        beans = null;
        assertTrue(SERVER.queryNames(new ObjectName("io.stowage:*"), null).isEmpty());
        assertEquals(1, closedSubscriptions.get());
    }

    @Test
    void aFailedActivationLeavesNoBeanBehind() throws Exception {
        admin.answer("configurations", args -> {
            throw new IllegalStateException("the kernel is stopping");
        });
        assertThrows(IllegalStateException.class, () -> new StowageMBeans(admin.admin(), Loggers.silent()));
        assertTrue(SERVER.queryNames(new ObjectName("io.stowage:*"), null).isEmpty());
        assertEquals(1, closedSubscriptions.get());
    }

    private static ConfigurationInfo configuration(String name) {
        return new ConfigurationInfo(name, "memory", "[1.0.0,2.0.0)", InstanceState.SERVING, "", "", "1.0.0",
                List.of(), 0);
    }
}
