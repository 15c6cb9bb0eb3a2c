package io.stowage.management;

import java.util.Optional;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.Traffic;

/**
 * A backend configuration's MBean: reads the configuration's traffic and its instance's state when asked; holds
 * the configuration's name, never an instance, so no extension's classes stay reachable through it.
 */
final class BackendBean implements BackendMXBean {

    private final String name;
    private final StowageAdmin admin;

    BackendBean(String name, StowageAdmin admin) {
        this.name = name;
        this.admin = admin;
    }

    private Optional<ConfigurationInfo> configuration() {
        return admin.configuration(name);
    }

    private Traffic traffic() {
        return admin.configurationStatistics(name).traffic();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getType() {
        return configuration().map(ConfigurationInfo::type).orElse("");
    }

    @Override
    public String getVersion() {
        return configuration().map(ConfigurationInfo::version).orElse("");
    }

    @Override
    public String getState() {
        return configuration().map(InstanceStatistics::state).orElse("unknown");
    }

    @Override
    public int getInFlight() {
        return configuration().map(ConfigurationInfo::inFlight).orElse(0);
    }

    @Override
    public String getReason() {
        return configuration().map(ConfigurationInfo::reason).orElse("");
    }

    @Override
    public String[] getStores() {
        return admin.configurationStatistics(name).openStores().stream().map(StoreId::label).toArray(String[]::new);
    }

    @Override
    public long getOperations() {
        return traffic().operations();
    }

    @Override
    public long getReads() {
        return traffic().reads();
    }

    @Override
    public long getWrites() {
        return traffic().writes();
    }

    @Override
    public long getDeletes() {
        return traffic().deletes();
    }

    @Override
    public long getListings() {
        return traffic().listings();
    }

    @Override
    public long getErrors() {
        return traffic().errors();
    }

    @Override
    public long getBytesRead() {
        return traffic().bytesRead();
    }

    @Override
    public long getBytesWritten() {
        return traffic().bytesWritten();
    }

    @Override
    public LatencyStatistics getReadLatency() {
        Traffic traffic = traffic();
        return new LatencyStatistics(traffic.readLatency(), traffic.window());
    }

    @Override
    public LatencyStatistics getWriteLatency() {
        Traffic traffic = traffic();
        return new LatencyStatistics(traffic.writeLatency(), traffic.window());
    }
}
