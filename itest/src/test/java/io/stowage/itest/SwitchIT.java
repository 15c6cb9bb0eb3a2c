package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.framework.Bundle;

import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * Make before break: a new version installed beside the old one takes the configurations that follow the latest
 * version, keeps pinned ones where they are until an operator moves them, and uninstalling a version moves its
 * configurations to the highest remaining one in range, or leaves them waiting with a clear status. The memory
 * backend's contents go along every time.
 */
public class SwitchIT extends FrameworkProbe {

    private static final int KEYS = 500;

    @Test
    public void versionsComeAndGoBesideEachOtherAndTheDataGoesAlong() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        memoryConfiguration("steady", "pinned", null);
        StowageFramework.route(context, configurations, "kept", "steady");
        Store latest = storage().store("latest");
        Store kept = storage().store("kept");
        fill(latest);
        fill(kept);
        Bundle original = StowageFramework.installed(context, "io.stowage.storage.memory");
        String originalVersion = original.getVersion().toString();
        awaitServedBy("default", originalVersion);

        Bundle second = context.installBundle("switch:memory-9.1.0", TestBundles.atVersion(original, "9.1.0"));
        second.start();
        awaitServedBy("default", "9.1.0");
        assertServedBy("steady", originalVersion);
        assertFilled(latest);
        assertFilled(kept);

        assertEquals("configuration 'steady' is served by memory 9.1.0 (bundle " + second.getBundleId()
                + " io.stowage.storage.memory)", command("stowage:move steady 9.1.0"));
        assertServedBy("steady", "9.1.0");
        assertFilled(kept);
        assertTrue(failure("stowage:move steady 7.0.0"), failure("stowage:move steady 7.0.0")
                .contains("no memory extension 7.0.0 is installed"));

        StowageFramework.route(context, configurations, "later", "future");
        memoryConfiguration("future", "latest", "[9.1,10)");
        awaitServedBy("future", "9.1.0");
        second.uninstall();
        awaitServedBy("default", originalVersion);
        awaitServedBy("steady", originalVersion);
        assertFilled(latest);
        assertFilled(kept);
        String instances = command("stowage:instances");
        assertTrue(instances, instances.matches("(?s).*\\(none\\)\\s+future\\s+waiting.*for a memory extension in "
                + "\\[9\\.1\\.0,10\\.0\\.0\\).*"));
        assertTrue(instances, instances.matches("(?s).*memory " + originalVersion.replace(".", "\\.")
                + " \\(bundle \\d+\\)\\s+steady\\s+serving\\s+0\\s+.*/kept.*"));

        // A configuration change is a swap like any other: a new instance with the new settings takes the data
        org.osgi.service.cm.Configuration defaults = configurations.getFactoryConfiguration("io.stowage.memory",
                "default", "?");
        Dictionary<String, Object> changed = defaults.getProperties();
        changed.put("maxKeys", 2_000_000L);
        defaults.update(changed);
        StowageFramework.await("the changed configuration's instance", 10_000,
                () -> FrameworkLog.contains(log, "memory backend 'default' started (maxKeys 2000000)"));
        assertFilled(latest);
    }

    private void fill(Store store) throws InterruptedException {
        StowageFramework.awaitWritable(store, "k0", "v0", log);
        for (int i = 0; i < KEYS; i++) {
            store.put("k" + i, ("v" + i).getBytes(UTF_8));
        }
    }

    private static void assertFilled(Store store) {
        assertEquals("keys of " + store.name(), KEYS, store.count());
        for (int i = 0; i < KEYS; i++) {
            assertEquals(store.name() + " k" + i, "v" + i, new String(store.get("k" + i), UTF_8));
        }
    }

    private void awaitServedBy(String configuration, String version) throws InterruptedException {
        StowageFramework.await("configuration '" + configuration + "' served by " + version, 10_000,
                () -> servedBy(configuration).equals(version));
    }

    private void assertServedBy(String configuration, String version) {
        assertEquals("version serving " + configuration, version, servedBy(configuration));
    }

    /** The version in the configuration's line of stowage:backends, or "" while it is not served. */
    private String servedBy(String configuration) {
        for (String line : command("stowage:backends").split("\\R")) {
            String[] columns = line.trim().split("\\s+");
            if (columns[0].equals(configuration) && line.contains("serving on ")) {
                return line.substring(line.indexOf("serving on ")).split("\\s+")[3];
            }
        }
        return "";
    }

    private void memoryConfiguration(String name, String policy, String range) throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getFactoryConfiguration("io.stowage.memory",
                name, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("policy", policy);
        if (range != null) {
            properties.put("version", range);
        }
        configuration.update(properties);
    }
}
