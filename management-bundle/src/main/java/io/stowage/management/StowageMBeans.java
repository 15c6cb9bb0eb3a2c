package io.stowage.management;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.StowageListener;
import io.stowage.admin.Subscription;

/**
 * Keeps the Stowage MBeans registered while the operator API is there: the kernel's from the start, one per store
 * known since the kernel started (opened, or listed by {@code stowage:stats} or the kernel's MXBean), and one per
 * backend configuration that exists. Store MBeans stay until the kernel stops, as the stores' counters do; a
 * configuration's goes when the configuration is deleted. Deactivation unregisters every one.
 */
@Component(immediate = true, service = {})
public final class StowageMBeans implements StowageListener {

    private static final String BACKEND_TYPE = "Backend";

    private final StowageAdmin admin;
    private final MBeanRegistrations registrations;
    private final Subscription subscription;
    private final AtomicLong readings = new AtomicLong();
    /** The newest reading of the configurations applied; guarded by this object's lock. */
    private long applied;

    @Activate
    public StowageMBeans(@Reference StowageAdmin admin, @Reference(service = LoggerFactory.class) Logger logger) {
        this.admin = admin;
        this.registrations = new MBeanRegistrations(logger);
        registrations.register(kernelName(), new KernelBean(admin));
        this.subscription = admin.subscribe(this);
        try {
            // Stores and configurations that were there before the subscription
            admin.knownStores().forEach(this::storeKnown);
            configurationsChanged();
        } catch (RuntimeException e) {
            // SCR calls no @Deactivate after a failed activation: nothing registered may stay behind
            subscription.close();
            registrations.close();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        subscription.close();
        registrations.close();
    }

    @Override
    public void storeKnown(StoreId store) {
        ObjectName name = ObjectNames.store(store.namespace(), store.store());
        if (!registrations.names().contains(name)) {
            registrations.register(name, new StoreBean(store, admin));
        }
    }

    /**
     * Registers the configurations that came, unregisters those that went. The configurations are read outside the
     * lock: reading them waits for the kernel's lifecycle thread, which calls this method too. A reading older than
     * one already applied is dropped, so concurrent calls cannot bring back a configuration that went.
     */
    @Override
    public void configurationsChanged() {
        long reading = readings.incrementAndGet();
        List<ConfigurationInfo> configurations = admin.configurations();
        synchronized (this) {
            if (reading < applied) {
                return;
            }
            applied = reading;
            Set<ObjectName> wanted = new HashSet<>();
            Set<ObjectName> registered = registrations.names();
            for (ConfigurationInfo configuration : configurations) {
                ObjectName name = ObjectNames.backend(configuration.name());
                wanted.add(name);
                if (!registered.contains(name)) {
                    registrations.register(name, new BackendBean(configuration.name(), admin));
                }
            }
            for (ObjectName name : registered) {
                if (BACKEND_TYPE.equals(name.getKeyProperty("type")) && !wanted.contains(name)) {
                    registrations.unregister(name);
                }
            }
        }
    }

    private static ObjectName kernelName() {
        try {
            return new ObjectName(StowageMXBean.OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
