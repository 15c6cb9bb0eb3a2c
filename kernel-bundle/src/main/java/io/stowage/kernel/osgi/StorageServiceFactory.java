package io.stowage.kernel.osgi;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

import io.stowage.api.StorageService;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.store.NamespaceService;

/**
 * Gives every bundle its own {@link StorageService} whose namespace is the bundle's symbolic name, taken from the
 * framework's record of who asked, never from an argument.
 */
final class StorageServiceFactory implements ServiceFactory<StorageService> {

    private final Kernel kernel;

    StorageServiceFactory(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public StorageService getService(Bundle bundle, ServiceRegistration<StorageService> registration) {
        return new NamespaceService(kernel, bundle.getSymbolicName());
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<StorageService> registration, StorageService service) {
        ((NamespaceService) service).release();
    }
}
