package io.stowage.kernel.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.osgi.framework.VersionRange;

/** A backend configuration saved from a form with its fields left empty means what the same file without them does. */
class BackendConfigurationTest {

    @Test
    void emptyNameVersionAndPolicyMeanTheirDefaults() {
        Hashtable<String, Object> saved = new Hashtable<>();
        saved.put("name", "");
        saved.put("version", " ");
        saved.put("policy", "");

        BackendConfiguration configuration = BackendConfiguration.of("memory", "io.stowage.memory~cache", saved);

        assertEquals("cache", configuration.name());
        assertEquals(new VersionRange("0.0.0"), configuration.versions());
        assertFalse(configuration.pinned());
        assertEquals("cache", configuration.instanceProperties().get("name"));
    }

    @Test
    void aMissingNameIsTheNameInThePid() {
        assertEquals("orders", BackendConfiguration.of("lmdb", "io.stowage.lmdb~orders", new Hashtable<>()).name());
    }
}
