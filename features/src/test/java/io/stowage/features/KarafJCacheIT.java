package io.stowage.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * The JCache feature in a real Karaf: stowage-jcache installs beside a running LMDB store (refreshing no Stowage
 * bundle), and a bundle with a DS component that takes the {@code CachingProvider} service caches greetings: they
 * are entries of the store {@code demo.greetings/greetings}, which the stowage: commands show, and which
 * {@code stowage:migrate} moves to the memory backend while the bundle keeps its cache. One Karaf for the class.
 */
class KarafJCacheIT extends OneKarafPerClass {

    private static final String APP = "demo.greetings";

    @Test
    void aBundleCachesThroughTheServiceInItsOwnNamespace() throws Exception {
        karaf.admin("feature:repo-add " + System.getProperty("stowage.features.url"));
        karaf.admin("feature:install stowage-lmdb", "feature:install stowage-memory");
        karaf.admin("stowage:put demo/kept before:1 on-lmdb");
        int before = karaf.logLength();
        karaf.admin("feature:install stowage-jcache");
        List<String> log = karaf.logSince(before).stream().map(FeaturesLog::message).toList();
        assertEquals(List.of(), FeaturesLog.refreshed(log).stream().filter(line -> line.strip().startsWith("io.stowage"))
                .toList(), "installing the JCache feature refreshed no Stowage bundle");
        String bundles = karaf.awaitAdmin(out -> out.contains("io.stowage.jcache"), "bundle:list -t 0 -s");
        for (String name : List.of("io.stowage.jcache", "javax.cache.api", "io.stowage.typed")) {
            assertTrue(bundles.lines().anyMatch(line -> line.contains(name) && line.contains("Active")),
                    name + " active in:" + System.lineSeparator() + bundles);
        }

        Path jar = greetingsBundle();
        karaf.admin("bundle:install -s " + jar.toUri());
        String keys = karaf.awaitAdmin(out -> out.contains("s:hello"), "stowage:keys " + APP + "/greetings '*'");
        assertEquals(List.of("s:bye", "s:hello"), keys.strip().lines().map(String::strip).sorted().toList());
        String stores = karaf.admin("stowage:stores " + APP);
        assertTrue(stores.contains(APP + "/greetings"), stores);

        String migrated = karaf.admin("stowage:migrate " + APP + "/greetings volatile");
        assertTrue(migrated.contains("migrated " + APP + "/greetings from 'default' to 'volatile'"), migrated);
        // The component reads its cache again on a restart of the bundle: the entries moved with the store
        karaf.admin("bundle:restart " + APP);
        String read = karaf.awaitAdmin(out -> out.contains("greetings read back: 2"), "log:display");
        assertTrue(read.contains("greetings read back: 2"), read);
        String routes = karaf.admin("stowage:routes");
        assertTrue(routes.contains(APP + "/greetings -> volatile"), routes);
    }

    /**
     * A bundle whose DS component takes the CachingProvider service, creates the cache {@code greetings} (or finds
     * it open), writes two greetings unless they are there, and logs how many it reads back.
     */
    private static Path greetingsBundle() throws IOException {
        Path sources = Files.createDirectories(temp.resolve("greetings-src/demo/greetings"));
        Files.writeString(sources.resolve("Greetings.java"), """
                package demo.greetings;
                import javax.cache.Cache;
                import javax.cache.CacheManager;
                import javax.cache.configuration.MutableConfiguration;
                import javax.cache.spi.CachingProvider;
                public final class Greetings {
                    private final CacheManager manager;
                    public Greetings(CachingProvider jcache) {
                        manager = jcache.getCacheManager();
                        Cache<String, String> greetings = manager.createCache("greetings",
                                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
                        greetings.putIfAbsent("hello", "world");
                        greetings.putIfAbsent("bye", "for now");
                        int read = 0;
                        for (Cache.Entry<String, String> entry : greetings) {
                            read++;
                        }
                        System.getLogger("demo.greetings").log(System.Logger.Level.INFO,
                                "greetings read back: " + read);
                    }
                    public void close() {
                        manager.close();
                    }
                }
                """, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(temp.resolve("greetings-classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        boolean compiled = compiler.getTask(messages, null, null, List.of("--release", "17", "-d", classes.toString(),
                "-classpath", cacheApiJar().toString()), null, compiler.getStandardFileManager(null, null,
                        StandardCharsets.UTF_8).getJavaFileObjects(sources.resolve("Greetings.java"))).call();
        assertTrue(compiled, messages.toString());
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", APP);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "javax.cache;version=\"[1.1,2)\",javax.cache.configuration;version=\"[1.1,2)\","
                + "javax.cache.spi;version=\"[1.1,2)\"");
        main.putValue("Service-Component", "OSGI-INF/demo.greetings.Greetings.xml");
        Path jar = temp.resolve("greetings.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("demo/greetings/Greetings.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/greetings/Greetings.class")));
            out.closeEntry();
            out.putNextEntry(new JarEntry("OSGI-INF/demo.greetings.Greetings.xml"));
            out.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="demo.greetings.Greetings"
                            immediate="true" init="1" deactivate="close">
                      <reference name="jcache" interface="javax.cache.spi.CachingProvider" parameter="0"/>
                      <implementation class="demo.greetings.Greetings"/>
                    </scr:component>
                    """.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** The JSR-107 API jar the build staged for Karaf. */
    private static Path cacheApiJar() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("stowage.features.repository"), "javax",
                "cache", "cache-api"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no cache-api jar in the features repository"));
        }
    }
}
