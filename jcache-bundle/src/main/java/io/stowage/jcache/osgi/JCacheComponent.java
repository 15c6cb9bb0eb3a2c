package io.stowage.jcache.osgi;

import javax.cache.spi.CachingProvider;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.stowage.admin.CacheStatisticsSource;
import io.stowage.api.StorageService;

/**
 * Offers the JCache provider as an OSGi service while a Stowage kernel runs: each bundle that gets the
 * {@link CachingProvider} service gets a provider of its own, whose caches are stores of its namespace. Deactivation
 * (the kernel went, or the jcache bundle stops or is updated) unregisters it, which closes every bundle's provider
 * and with it their cache managers and caches; their entries stay in the stores. The caches of the providers it
 * handed out are reported to operator tools through the operator API's {@link CacheStatisticsSource} whiteboard.
 */
// Registered by hand (a service factory): declared so that resolvers that enforce service requirements, such as
// Karaf's, know that a bundle referring to CachingProvider finds it here
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=javax.cache.spi.CachingProvider",
        uses = CachingProvider.class)
@Component(immediate = true, service = {})
public final class JCacheComponent {

    private final ServiceRegistration<CacheStatisticsSource> statistics;
    private final ServiceRegistration<CachingProvider> registration;

    /** The storage service is a static reference: the providers need a kernel, and end with the one they had. */
    @Activate
    public JCacheComponent(BundleContext context, @Reference ServiceReference<StorageService> storage) {
        OpenCaches open = new OpenCaches();
        this.statistics = context.registerService(CacheStatisticsSource.class, open, null);
        this.registration = context.registerService(CachingProvider.class, new CachingProviderFactory(open), null);
    }

    @Deactivate
    void deactivate() {
        // The framework gives every bundle's provider back to the factory, which closes it
        registration.unregister();
        statistics.unregister();
    }
}
