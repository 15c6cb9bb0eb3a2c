package io.stowage.itest;

/**
 * The sources of a small application bundle that caches through JCache both ways a bundle can get the provider: as
 * the OSGi {@code CachingProvider} service (cache {@code prices}) and through {@code javax.cache.Caching}, by the
 * provider's class name with its own class loader (cache {@code quotes}, of a serializable record of its own, which
 * its cache manager's properties allow to be deserialized), and through the jcache bundle's class loader, where
 * {@code Caching}'s service loader finds the provider with no name. On start its activator writes, reads back, and publishes
 * what it saw as a {@code Supplier<Map<String, Object>>} service as {@link AppServices} describe; on stop it closes
 * the provider {@code Caching} made (the framework closes the service's).
 */
final class PricesApp {

    private PricesApp() {
    }

    static AppBundles bundle(String symbolicName) {
        return AppBundles.bundle(symbolicName)
                .imports("javax.cache;version=\"[1.1,2)\"", "javax.cache.configuration;version=\"[1.1,2)\"",
                        "javax.cache.processor;version=\"[1.1,2)\"", "javax.cache.spi;version=\"[1.1,2)\"",
                        "io.stowage.api;version=\"[1.3,2)\"", "io.stowage.jcache;version=\"[1.0,2)\"")
                .activator("demo.prices.Activator")
                .source("demo.prices.Quote", """
                        package demo.prices;
                        public record Quote(String product, long cents) implements java.io.Serializable {}
                        """)
                .source("demo.prices.Activator", """
                        package demo.prices;
                        import java.net.URI;
                        import java.util.*;
                        import java.util.function.Supplier;
                        import javax.cache.*;
                        import javax.cache.configuration.MutableConfiguration;
                        import javax.cache.spi.CachingProvider;
                        import org.osgi.framework.*;
                        import io.stowage.api.StorageService;
                        import io.stowage.jcache.StowageCachingProvider;
                        public final class Activator implements BundleActivator {
                            private CachingProvider found;
                            private CachingProvider byLoader;

                            @Override
                            public void start(BundleContext context) throws Exception {
                                Map<String, Object> report = new TreeMap<>();
                                ServiceReference<CachingProvider> reference =
                                        context.getServiceReference(CachingProvider.class);
                                CachingProvider service = context.getService(reference);
                                CacheManager viaService = service.getCacheManager();
                                Cache<String, Long> prices = viaService.createCache("prices",
                                        new MutableConfiguration<String, Long>().setTypes(String.class, Long.class)
                                                .setStatisticsEnabled(true));
                                prices.put("tea", 400L);
                                prices.invoke("tea", (entry, arguments) -> {
                                    entry.setValue(entry.getValue() * 3 / 4);
                                    return null;
                                });
                                report.put("service.tea", prices.get("tea"));
                                report.put("service.uri", viaService.getURI().toString());
                                report.put("service.namespace",
                                        viaService.unwrap(StorageService.class).namespace());

                                ClassLoader own = Activator.class.getClassLoader();
                                found = Caching.getCachingProvider(StowageCachingProvider.class.getName(), own);
                                Properties properties = new Properties();
                                properties.setProperty("stowage.jcache.serialAllow", "demo.prices.*");
                                CacheManager viaCaching = found.getCacheManager(URI.create("stowage:bundle"), own,
                                        properties);
                                Cache<String, Quote> quotes = viaCaching.createCache("quotes",
                                        new MutableConfiguration<String, Quote>().setTypes(String.class, Quote.class));
                                quotes.put("coffee", new Quote("coffee", 250));
                                Quote coffee = quotes.get("coffee");
                                report.put("caching.coffee", coffee.cents());
                                report.put("caching.coffee.loader", coffee.getClass().getClassLoader() == own);
                                report.put("caching.namespace",
                                        viaCaching.unwrap(StorageService.class).namespace());
                                byLoader = Caching.getCachingProvider(StowageCachingProvider.class.getClassLoader());
                                report.put("loader.namespace", byLoader.getCacheManager(URI.create("stowage:bundle"),
                                        own).unwrap(StorageService.class).namespace());
                                try {
                                    found.getCacheManager(URI.create("stowage:memory"), own);
                                    report.put("caching.memory", "accepted");
                                } catch (IllegalArgumentException refused) {
                                    report.put("caching.memory", refused.getMessage());
                                }
                                Map<String, Object> seen = Collections.unmodifiableMap(report);
                                Dictionary<String, Object> registration = new Hashtable<>();
                                registration.put("%s", context.getBundle().getSymbolicName());
                                registration.put("%s", context.getBundle().getVersion().toString());
                                context.registerService(Supplier.class, () -> seen, registration);
                            }

                            @Override
                            public void stop(BundleContext context) {
                                // Caching keeps its providers for good: close what this bundle made
                                found.close();
                                byLoader.close();
                            }
                        }
                        """.formatted(AppServices.APP, AppServices.VERSION));
    }
}
