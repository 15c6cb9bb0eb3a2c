package io.stowage.kernel.osgi;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.component.ComponentConstants;

import io.stowage.spi.BackendFactory;
import io.stowage.spi.StorageBackend;

/**
 * Hides the storage extensions' component factories, and the backend instances they make, from every bundle but the
 * kernel, the framework and the extension itself: a backend holds every namespace's bytes, so no other bundle may
 * reach it.
 */
final class BackendServiceHiding implements FindHook, EventListenerHook {

    private final long kernelBundleId;

    BackendServiceHiding(Bundle kernelBundle) {
        this.kernelBundleId = kernelBundle.getBundleId();
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        Bundle asking = context.getBundle();
        references.removeIf(reference -> hiddenFrom(asking, reference));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> reference = event.getServiceReference();
        listeners.keySet().removeIf(context -> hiddenFrom(context.getBundle(), reference));
    }

    /** A storage extension's component factory, or one of the backend instances it made. */
    private static boolean isBackendService(ServiceReference<?> reference) {
        if (BackendFactory.FACTORY.equals(reference.getProperty(ComponentConstants.COMPONENT_FACTORY))) {
            return true;
        }
        Object classes = reference.getProperty(Constants.OBJECTCLASS);
        return classes instanceof String[] names && Arrays.asList(names).contains(StorageBackend.class.getName());
    }

    boolean hiddenFrom(Bundle asking, ServiceReference<?> reference) {
        if (!isBackendService(reference)) {
            return false;
        }
        long id = asking.getBundleId();
        Bundle owner = reference.getBundle();
        return id != 0 && id != kernelBundleId && (owner == null || owner.getBundleId() != id);
    }
}
