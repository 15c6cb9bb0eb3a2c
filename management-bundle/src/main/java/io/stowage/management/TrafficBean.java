package io.stowage.management;

import io.stowage.admin.Traffic;

/** What a store's and a configuration's MBeans both show of their traffic, read afresh at every call. */
abstract class TrafficBean {

    /** The traffic now. */
    abstract Traffic traffic();

    public long getReads() {
        return traffic().reads();
    }

    public long getWrites() {
        return traffic().writes();
    }

    public long getDeletes() {
        return traffic().deletes();
    }

    public long getListings() {
        return traffic().listings();
    }

    public long getErrors() {
        return traffic().errors();
    }

    public long getBytesRead() {
        return traffic().bytesRead();
    }

    public long getBytesWritten() {
        return traffic().bytesWritten();
    }

    public LatencyStatistics getReadLatency() {
        Traffic traffic = traffic();
        return new LatencyStatistics(traffic.readLatency(), traffic.window());
    }

    public LatencyStatistics getWriteLatency() {
        Traffic traffic = traffic();
        return new LatencyStatistics(traffic.writeLatency(), traffic.window());
    }
}
