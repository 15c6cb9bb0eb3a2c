package io.stowage.jcache.osgi;

import javax.cache.spi.CachingProvider;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;

import io.stowage.jcache.FrameworkStorage;
import io.stowage.jcache.StowageCachingProvider;

/**
 * Makes each bundle's {@link CachingProvider}: its caches are stores of that bundle's namespace, and its cache
 * managers resolve classes with that bundle's class loader unless told another. Taken from the framework's record of
 * who asked, never from an argument, as the kernel's {@code StorageService} is.
 */
final class CachingProviderFactory implements ServiceFactory<CachingProvider> {

    private final OpenCaches open;

    /** @param open where the providers handed out are listed while they live, for operator tools */
    CachingProviderFactory(OpenCaches open) {
        this.open = open;
    }

    @Override
    public CachingProvider getService(Bundle bundle, ServiceRegistration<CachingProvider> registration) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
        StowageCachingProvider provider = new StowageCachingProvider(FrameworkStorage.forBundle(bundle), loader);
        open.add(provider);
        return provider;
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<CachingProvider> registration,
            CachingProvider provider) {
        open.remove((StowageCachingProvider) provider);
        provider.close();
    }
}
