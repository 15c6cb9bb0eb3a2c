package io.stowage.management;

import java.util.Locale;

import io.stowage.admin.ConfigurationInfo;

/** One backend configuration's row of {@link StowageMXBean#getBackendInstances()}. */
public final class InstanceStatistics {

    private final ConfigurationInfo configuration;

    InstanceStatistics(ConfigurationInfo configuration) {
        this.configuration = configuration;
    }

    public String getConfiguration() {
        return configuration.name();
    }

    /** The backend type, such as lmdb. */
    public String getType() {
        return configuration.type();
    }

    /** The serving extension's version, or empty without an instance. */
    public String getVersion() {
        return configuration.version();
    }

    /** serving, starting, ending, waiting (for an extension), failed or unused (no store routed to it). */
    public String getState() {
        return state(configuration);
    }

    public int getInFlight() {
        return configuration.inFlight();
    }

    /** Why it does not serve (its last failure to start, or what it waits for), or empty. */
    public String getReason() {
        return configuration.reason();
    }

    static String state(ConfigurationInfo configuration) {
        return configuration.state().name().toLowerCase(Locale.ROOT);
    }
}
