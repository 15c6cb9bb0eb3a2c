package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Two versions of one extension installed side by side never both serve a configuration: each configuration is
 * served once, by the highest version its range allows, and falls back when that version leaves.
 */
public class SideBySideIT extends FrameworkProbe {

    private static final String MEMORY_COMPONENT = "io.stowage.storage.memory.MemoryBackend";

    @Test
    public void eachConfigurationIsServedOnceByTheHighestVersionInItsRange() throws Exception {
        Bundle current = StowageFramework.installed(context, "io.stowage.storage.memory");
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.await("the default instance", 10_000, () -> active(current) == 1);

        // Watch, while versions come and go, how many instances one configuration has at once: one, except while a
        // volatile configuration switches live to another version (the new one is filled before it takes over)
        java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                mostAtOnce.accumulateAndGet(mostInstancesOfOneConfiguration(current), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        });
        watcher.start();

        Bundle newer = context.installBundle("side-by-side:memory-9.1.0", TestBundles.atVersion(current, "9.1.0"));
        this.newer = newer;
        newer.start();
        StowageFramework.await("the newer version to take the default", 10_000,
                () -> active(newer) == 1 && active(current) == 0);

        StowageFramework.route(context, configurations, "pinned-store", "pinned");
        org.osgi.service.cm.Configuration pinned = configurations.getFactoryConfiguration("io.stowage.memory", "pinned", "?");
        Dictionary<String, Object> range = new Hashtable<>();
        range.put("name", "pinned");
        range.put("version", "[1.0,9.0)");
        pinned.update(range);
        StowageFramework.await("the pinned configuration on the older version", 10_000,
                () -> active(current) == 1 && active(newer) == 1);

        newer.uninstall();
        StowageFramework.await("both configurations back on the older version", 10_000, () -> active(current) == 2);
        pinned.delete();
        StowageFramework.await("the pinned instance to end", 10_000, () -> active(current) == 1);
        assertTrue(current.getVersion().getMajor() < 9);
        watching.set(false);
        watcher.join();
        assertTrue("most instances of one configuration at any moment: " + mostAtOnce.get(), mostAtOnce.get() <= 2);
    }

    private volatile Bundle newer;

    private int mostInstancesOfOneConfiguration(Bundle current) {
        java.util.Map<Object, Integer> perName = new java.util.HashMap<>();
        for (Bundle bundle : new Bundle[] {current, newer}) {
            if (bundle == null || bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle, MEMORY_COMPONENT);
            if (description == null) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.ACTIVE) {
                    perName.merge(configuration.properties.get("name"), 1, Integer::sum);
                }
            }
        }
        return perName.values().stream().max(Integer::compare).orElse(0);
    }

    private int active(Bundle bundle) {
        return StowageFramework.activeMemoryInstances(scr, bundle);
    }
}
