package io.stowage.kernel.admin;

import java.util.ArrayList;
import java.util.List;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ExtensionInfo;
import io.stowage.admin.InstanceInfo;
import io.stowage.admin.StoreId;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.instance.BackendConfiguration;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.instance.Extension;
import io.stowage.kernel.instance.InstanceStatus;
import io.stowage.kernel.store.BoundBackend;

/**
 * Extensions, configurations and instances as the operator API shows them, read from the instances' published
 * views as they stand (never waiting for the lifecycle thread); each state is the one {@link BackendInstances#status}
 * computes.
 */
final class ConfigurationStates {

    private final Kernel kernel;
    private final BackendInstances instances;

    ConfigurationStates(Kernel kernel, BackendInstances instances) {
        this.kernel = kernel;
        this.instances = instances;
    }

    List<ExtensionInfo> extensions() {
        return instances.extensions().stream().map(this::info).toList();
    }

    List<ConfigurationInfo> configurations() {
        return instances.configurations().stream().map(this::info).toList();
    }

    List<InstanceInfo> instances() {
        List<InstanceInfo> rows = new ArrayList<>();
        for (BackendConfiguration configuration : instances.configurations()) {
            instances.instance(configuration.name()).ifPresent(instance -> rows.add(new InstanceInfo(
                    configuration.name(), info(instance.extension()), instances.status(configuration).state(),
                    instance.bound().running(), openStores(configuration.name()))));
        }
        return rows;
    }

    List<StoreId> openStores(String configuration) {
        return kernel.openedRoutes().stream().filter(route -> route.slot().configuration().equals(configuration))
                .map(route -> new StoreId(route.namespace, route.name)).sorted().toList();
    }

    private ExtensionInfo info(Extension extension) {
        List<String> serves = instances.configurations().stream().map(BackendConfiguration::name)
                .filter(name -> instances.instance(name)
                        .filter(instance -> instance.extension().serviceId() == extension.serviceId()).isPresent())
                .toList();
        return new ExtensionInfo(extension.serviceId(), extension.type(), extension.version().toString(),
                extension.bundle().getBundleId(), extension.bundle().getSymbolicName(), serves);
    }

    private ConfigurationInfo info(BackendConfiguration configuration) {
        InstanceStatus status = instances.status(configuration);
        BoundBackend bound = status.bound();
        String startError = kernel.slot(configuration.name()).lastStartError();
        return new ConfigurationInfo(configuration.name(), configuration.type(), configuration.versions().toString(),
                status.state(), status.reason(), startError == null ? "" : startError,
                bound == null ? "" : bound.version(),
                bound == null ? List.of() : List.copyOf(bound.capabilities()),
                status.inFlight());
    }
}
