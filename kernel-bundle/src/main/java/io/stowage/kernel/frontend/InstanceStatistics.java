package io.stowage.kernel.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.stowage.admin.InstanceState;
import io.stowage.kernel.instance.BackendConfiguration;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.instance.InstanceStatus;
import io.stowage.kernel.store.BoundBackend;

/** One backend configuration's row of {@link StowageMXBean#getBackendInstances()}. */
public final class InstanceStatistics {

    private final String configuration;
    private final String type;
    private final String version;
    private final InstanceState state;
    private final int inFlight;
    private final String reason;

    public InstanceStatistics(String configuration, String type, String version, String state, int inFlight, String reason) {
        this.configuration = configuration;
        this.type = type;
        this.version = version;
        this.state = InstanceState.valueOf(state.toUpperCase(Locale.ROOT));
        this.inFlight = inFlight;
        this.reason = reason;
    }

    public String getConfiguration() {
        return configuration;
    }

    /** The backend type, such as lmdb. */
    public String getType() {
        return type;
    }

    /** The serving extension's version, or empty without an instance. */
    public String getVersion() {
        return version;
    }

    /** serving, starting, ending, waiting (for an extension), failed (data format) or unused (no store routed to it). */
    public String getState() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The state itself, for code; JMX sees {@link #getState()}. */
    public InstanceState state() {
        return state;
    }

    public int getInFlight() {
        return inFlight;
    }

    /** Why it does not serve (its last failure to start, or what it waits for), or empty. */
    public String getReason() {
        return reason;
    }

    /** Every configuration with where it stands, as the kernel's MXBean, the health check and stowage:stats show it. */
    public static List<InstanceStatistics> of(BackendInstances instances) {
        List<InstanceStatistics> rows = new ArrayList<>();
        for (BackendConfiguration configuration : instances.configurations()) {
            InstanceStatus status = instances.status(configuration);
            BoundBackend bound = status.bound();
            rows.add(new InstanceStatistics(configuration.name(), bound != null ? bound.type() : configuration.type(),
                    bound != null ? bound.version() : "", status.word(), status.inFlight(), status.reason()));
        }
        return rows;
    }
}
