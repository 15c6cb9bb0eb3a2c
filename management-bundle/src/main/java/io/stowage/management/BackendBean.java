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
final class BackendBean extends TrafficBean implements BackendMXBean {

    private final String name;
    private final StowageAdmin admin;

    BackendBean(String name, StowageAdmin admin) {
        this.name = name;
        this.admin = admin;
    }

    private Optional<ConfigurationInfo> configuration() {
        return admin.configuration(name);
    }

    @Override
    Traffic traffic() {
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

}
