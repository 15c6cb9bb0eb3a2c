package io.stowage.kernel.frontend;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.management.ObjectName;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.store.StoreRoute;

/**
 * Keeps one MBean registered per store known since the kernel started (opened, or listed by {@code stowage:stats}
 * or the kernel's MXBean) and one per backend configuration that exists. Store MBeans stay until the kernel stops,
 * as the stores' counters do; a configuration's goes when the configuration is deleted. Registration itself is
 * {@link KernelMBeanRegistration}'s, which unregisters everything when the kernel stops.
 */
public final class MetricsMBeans {

    private static final String BACKEND_TYPE = "Backend";

    private final Kernel kernel;
    /** Every backend configuration, with its instance's state. */
    private final Supplier<List<InstanceStatistics>> configurations;
    private final KernelMBeanRegistration registration;

    MetricsMBeans(Kernel kernel, Supplier<List<InstanceStatistics>> configurations,
            KernelMBeanRegistration registration) {
        this.kernel = kernel;
        this.configurations = configurations;
        this.registration = registration;
    }

    /** From now on, until the registration closes, keeps the stores' and configurations' MBeans registered. */
    public static void keepRegistered(Kernel kernel, BackendInstances instances, KernelMBeanRegistration registration) {
        MetricsMBeans beans = new MetricsMBeans(kernel, () -> InstanceStatistics.of(instances), registration);
        kernel.onStoreKnown(beans::storeKnown);
        instances.onViewsPublished(beans::configurationsChanged);
        // Stores opened and configurations reported before the listeners were in place
        kernel.openedRoutes().forEach(beans::storeKnown);
        beans.configurationsChanged();
    }

    void storeKnown(StoreRoute route) {
        ObjectName name = ObjectNames.store(route.namespace, route.name);
        if (!registration.names().contains(name)) {
            registration.register(name, new StoreBean(route, kernel));
        }
    }

    /** Registers the configurations that came, unregisters those that went. */
    synchronized void configurationsChanged() {
        Set<ObjectName> wanted = new HashSet<>();
        Set<ObjectName> registered = registration.names();
        for (InstanceStatistics configuration : configurations.get()) {
            ObjectName name = ObjectNames.backend(configuration.getConfiguration());
            wanted.add(name);
            if (!registered.contains(name)) {
                registration.register(name, new BackendBean(configuration.getConfiguration(), kernel,
                        this::instanceOf));
            }
        }
        for (ObjectName name : registered) {
            if (BACKEND_TYPE.equals(name.getKeyProperty("type")) && !wanted.contains(name)) {
                registration.unregister(name);
            }
        }
    }

    private Optional<InstanceStatistics> instanceOf(String configuration) {
        return configurations.get().stream().filter(row -> row.getConfiguration().equals(configuration))
                .findFirst();
    }
}
