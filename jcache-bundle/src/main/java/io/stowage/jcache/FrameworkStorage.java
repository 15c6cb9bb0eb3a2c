package io.stowage.jcache;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.cache.CacheException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.ServiceReference;

import io.stowage.api.StorageService;

/**
 * Where caches live in an OSGi framework: the stores of a bundle's own namespace, through the kernel's bundle-scoped
 * {@code StorageService} as that bundle gets it, so a cache is a store routed like any other of the bundle's. A
 * provider the jcache bundle registers as a service serves the bundle that got it; one that {@code Caching} made
 * serves, for each cache manager, the bundle whose class loader the manager was given.
 *
 * <p>The only URIs are {@value #BUNDLE_URI} and {@code stowage:bundle:<the bundle's symbolic name>}: in the
 * framework the operator's store routes choose backends, not the application.
 */
public final class FrameworkStorage implements CacheStorage {

    /** The URI of the caches of the bundle whose class loader a cache manager has. */
    static final String BUNDLE_URI = "stowage:bundle";

    /** A storage service a bundle got for a provider, to give back when the provider closes. */
    private record Held(BundleContext context, ServiceReference<StorageService> reference, StorageService service) {
    }

    /** The bundle a service-registered provider serves; null when each manager's class loader names its bundle. */
    private final Bundle caller;
    private final Map<Bundle, Held> held = new HashMap<>();

    private FrameworkStorage(Bundle caller) {
        this.caller = caller;
    }

    /** The caches of one bundle: the provider registered as an OSGi service hands one to each bundle that gets it. */
    public static CacheStorage forBundle(Bundle caller) {
        return new FrameworkStorage(caller);
    }

    /** The caches of the bundle of each cache manager's class loader: a provider {@code Caching} made. */
    static CacheStorage forClassLoaders() {
        return new FrameworkStorage(null);
    }

    /** Whether this class runs in an OSGi framework, without loading any OSGi class where there is none. */
    static boolean inFramework() {
        ClassLoader own = FrameworkStorage.class.getClassLoader();
        try {
            return Class.forName("org.osgi.framework.BundleReference", false, own).isInstance(own);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public URI defaultUri() {
        // A bundle's own URI keeps its caches' MXBean names apart from other bundles' caches of the same name
        return URI.create(caller == null ? BUNDLE_URI : BUNDLE_URI + ":" + caller.getSymbolicName());
    }

    @Override
    public synchronized StorageService namespaceFor(URI uri, ClassLoader classLoader, Properties properties) {
        Bundle bundle = caller != null ? caller : bundleOf(classLoader);
        String text = uri.toString();
        if (!text.equals(BUNDLE_URI) && !text.equals(BUNDLE_URI + ":" + bundle.getSymbolicName())) {
            throw new IllegalArgumentException("cache manager URI " + uri + ": in an OSGi framework a bundle's caches"
                    + " are stores of its own namespace, on the backends the store routes name; use " + BUNDLE_URI
                    + " or " + BUNDLE_URI + ":" + bundle.getSymbolicName());
        }
        Held current = held.get(bundle);
        if (current != null && current.reference().getBundle() != null) {
            return current.service();
        }
        // None yet, or the kernel that served it was stopped or updated: take the one registered now
        if (current != null) {
            release(current);
        }
        BundleContext context = bundle.getBundleContext();
        if (context == null) {
            throw new IllegalStateException("bundle " + bundle.getSymbolicName() + " is not active: its caches have"
                    + " no namespace");
        }
        ServiceReference<StorageService> reference = context.getServiceReference(StorageService.class);
        StorageService service = reference == null ? null : context.getService(reference);
        if (service == null) {
            throw new CacheException("no Stowage kernel serves bundle " + bundle.getSymbolicName()
                    + ": no StorageService is registered");
        }
        held.put(bundle, new Held(context, reference, service));
        return service;
    }

    /** Gives back the storage services this provider got; a later {@link #namespaceFor} gets them again. */
    @Override
    public void close() {
        List<Held> releasing;
        synchronized (this) {
            releasing = new ArrayList<>(held.values());
            held.clear();
        }
        releasing.forEach(FrameworkStorage::release);
    }

    private static void release(Held service) {
        try {
            service.context().ungetService(service.reference());
        } catch (IllegalStateException stopped) {
            // The bundle stopped: the framework released what it used
        }
    }

    private static Bundle bundleOf(ClassLoader classLoader) {
        if (classLoader instanceof BundleReference reference && reference.getBundle() != null) {
            return reference.getBundle();
        }
        throw new IllegalArgumentException("class loader " + classLoader + " is no bundle's: in an OSGi framework a"
                + " cache manager's class loader names the bundle whose namespace holds its caches; pass"
                + " getClass().getClassLoader() of your bundle, or get the CachingProvider as an OSGi service");
    }
}
