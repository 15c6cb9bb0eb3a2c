package io.stowage.kernel.frontend;

import java.util.Optional;
import java.util.function.Function;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.metrics.TrafficSnapshot;

/**
 * A backend configuration's MBean: reads the configuration's traffic and its instance's state when asked; holds
 * the configuration's slot, never an instance, so no extension's classes stay reachable through it.
 */
final class BackendBean implements BackendMXBean {

    private final String name;
    private final Kernel kernel;
    private final Function<String, Optional<InstanceStatistics>> instances;

    BackendBean(String name, Kernel kernel, Function<String, Optional<InstanceStatistics>> instances) {
        this.name = name;
        this.kernel = kernel;
        this.instances = instances;
    }

    private Optional<InstanceStatistics> instance() {
        return instances.apply(name);
    }

    private TrafficSnapshot traffic() {
        return kernel.slot(name).snapshot();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getType() {
        return instance().map(InstanceStatistics::getType).orElse("");
    }

    @Override
    public String getVersion() {
        return instance().map(InstanceStatistics::getVersion).orElse("");
    }

    @Override
    public String getState() {
        return instance().map(InstanceStatistics::getState).orElse("unknown");
    }

    @Override
    public int getInFlight() {
        return instance().map(InstanceStatistics::getInFlight).orElse(0);
    }

    @Override
    public String getReason() {
        return instance().map(InstanceStatistics::getReason).orElse("");
    }

    @Override
    public String[] getStores() {
        return kernel.openedRoutes().stream().filter(route -> route.slot().configuration().equals(name))
                .map(route -> route.label).sorted().toArray(String[]::new);
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
        TrafficSnapshot snapshot = traffic();
        return new LatencyStatistics(snapshot.readLatency(), snapshot.windowNanos());
    }

    @Override
    public LatencyStatistics getWriteLatency() {
        TrafficSnapshot snapshot = traffic();
        return new LatencyStatistics(snapshot.writeLatency(), snapshot.windowNanos());
    }
}
