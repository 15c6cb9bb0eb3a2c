package io.stowage.kernel.frontend;

/** One backend configuration's row of {@link StowageMXBean#getBackendInstances()}. */
public final class InstanceStatistics {

    private final String configuration;
    private final String type;
    private final String version;
    private final String state;
    private final int inFlight;
    private final String reason;

    public InstanceStatistics(String configuration, String type, String version, String state, int inFlight, String reason) {
        this.configuration = configuration;
        this.type = type;
        this.version = version;
        this.state = state;
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

    /** serving, starting, ending, waiting (for an extension) or unused (no store routed to it). */
    public String getState() {
        return state;
    }

    public int getInFlight() {
        return inFlight;
    }

    /** Why it does not serve (its last failure to start, or what it waits for), or empty. */
    public String getReason() {
        return reason;
    }
}
