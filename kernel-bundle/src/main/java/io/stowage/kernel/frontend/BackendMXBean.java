package io.stowage.kernel.frontend;

/**
 * One backend configuration, as JMX tools see it under {@code io.stowage:type=Backend,name=<configuration>}: its
 * instance now, and the traffic of the stores routed to it. Counts and bytes are per configuration since the kernel
 * started, through every instance that served it (updates, moves and live switches change the instance, not the
 * figures); latencies cover the last one to two minutes. Registered while the configuration exists.
 */
public interface BackendMXBean {

    String getName();

    /** The backend type, such as lmdb. */
    String getType();

    /** The serving extension's version, or empty without an instance. */
    String getVersion();

    /** serving, starting, ending, waiting (for an extension) or unused (no store is routed to it). */
    String getState();

    /** Operations running on its instance now. */
    int getInFlight();

    /** Why it does not serve (its last failure to start, or what it waits for), or empty. */
    String getReason();

    /** Stores opened since the kernel started that are routed to it, as namespace/store. */
    String[] getStores();

    /** Reads, writes, deletes and listings of the stores routed to it, counted as in each of those. */
    long getOperations();

    long getReads();

    long getWrites();

    long getDeletes();

    long getListings();

    /** Operations of its stores that failed with an error from the backend or the kernel. */
    long getErrors();

    long getBytesRead();

    long getBytesWritten();

    LatencyStatistics getReadLatency();

    LatencyStatistics getWriteLatency();
}
