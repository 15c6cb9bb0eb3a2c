package io.stowage.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogReaderService;

import io.stowage.api.Store;
import io.stowage.storage.redis.testing.RedisServer;

/** The framework every integration test runs in: SCR, ConfigAdmin, Log, Metatype, Gogo runtime and Stowage. */
public final class StowageFramework {

    private StowageFramework() {
    }

    public static Option[] standard(Option... extra) {
        List<Option> options = new ArrayList<>();
        String nativeFolder = System.getProperty("lmdbjava.extract.dir");
        if (nativeFolder != null) {
            // lmdbjava refuses an extraction folder that does not exist
            new File(nativeFolder).mkdirs();
        }
        // Pax Exam resolves its own bundles by mvn: links: only from what Maven already downloaded
        options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository")));
        options.add(systemProperty("org.ops4j.pax.url.mvn.repositories").value(""));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(cleanCaches(true));
        // The OSGi Log service keeps only WARN and worse unless told otherwise; tests read INFO entries
        options.add(frameworkProperty("org.osgi.service.log.admin.loglevel").value("INFO"));
        options.add(frameworkProperty("org.apache.felix.log.maxSize").value("1000"));
        // Where relative LMDB paths go, as in the distribution: a folder of this framework's own
        options.add(frameworkProperty("stowage.data").value(dataFolder()));
        options.add(junitBundles());
        File[] jars = new File(System.getProperty("stowage.bundles", "target/bundles")).listFiles((d, n) -> n.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundles in " + System.getProperty("stowage.bundles")
                    + ": run the integration tests through Maven (mvn verify)");
        }
        Arrays.sort(jars);
        for (File jar : jars) {
            options.add(bundle(jar.toURI().toString()));
        }
        options.addAll(Arrays.asList(extra));
        return options(options.toArray(new Option[0]));
    }

    private static String dataFolder() {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("stowage.itest.data", "target")), "data")
                    .toAbsolutePath().toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a data folder for the framework", e);
        }
    }

    /** Creates (once per framework) an LMDB backend configuration with a folder under the framework's data folder. */
    public static Configuration lmdbBackend(ConfigurationAdmin configurations, String name) throws IOException {
        Configuration configuration = configurations.getFactoryConfiguration("io.stowage.lmdb", name, "?");
        if (configuration.getProperties() == null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("name", name);
            properties.put("path", "lmdb/" + name);
            properties.put("mapSizeMiB", 8L);
            configuration.update(properties);
        }
        return configuration;
    }

    /** Creates (once per framework) a Redis backend configuration on a server of the test's own. */
    public static Configuration redisBackend(ConfigurationAdmin configurations, String name, int port)
            throws IOException {
        Configuration configuration = configurations.getFactoryConfiguration("io.stowage.redis", name, "?");
        if (configuration.getProperties() == null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("name", name);
            properties.put("uris", new String[] {"redis://127.0.0.1:" + port});
            properties.put("keyPrefix", "stowage:" + name + ":");
            configuration.update(properties);
        }
        return configuration;
    }

    /**
     * Starts a redis-server for a whole test class, from its {@code @Configuration} method (outside the framework),
     * and passes its port to the framework as {@code stowage.itest.redis.port}; it stops when the JVM does.
     */
    public static Option redisServerForClass() {
        try {
            RedisServer server = RedisServer.start(Path.of(dataFolder(), "redis"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is ending
                }
            }));
            return frameworkProperty("stowage.itest.redis.port").value(Integer.toString(server.port()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a redis-server for the test class", e);
        }
    }

    /** Creates (once per framework) the default memory backend configuration that the distribution ships. */
    public static void defaultMemoryBackend(ConfigurationAdmin configurations) throws IOException {
        memoryBackend(configurations, "default");
    }

    public static Configuration memoryBackend(ConfigurationAdmin configurations, String name) throws IOException {
        Configuration configuration = configurations.getFactoryConfiguration("io.stowage.memory", name, "?");
        if (configuration.getProperties() == null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("name", name);
            properties.put("maxKeys", 1_000_000L);
            configuration.update(properties);
        }
        return configuration;
    }

    /**
     * Routes a store of every namespace to a backend configuration, and waits until the kernel applies the route
     * (ConfigAdmin delivers it later: a store written meanwhile would go to the default backend).
     */
    public static Configuration route(BundleContext context, ConfigurationAdmin configurations, String store,
            String backend) throws IOException, InterruptedException {
        Configuration route = configurations.getFactoryConfiguration("io.stowage.store", store, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("namespace", "*");
        properties.put("store", store);
        properties.put("backend", backend);
        route.update(properties);
        String applied = "*/" + store + " -> " + backend;
        await("the route " + applied, 10_000, () -> command(context, "stowage:routes").contains(applied));
        return route;
    }

    /** Runs a Gogo command and returns what it returned, as text. */
    public static String command(BundleContext context, String command) {
        ServiceReference<CommandProcessor> reference = context.getServiceReference(CommandProcessor.class);
        CommandProcessor processor = context.getService(reference);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(command);
            return result == null ? "" : String.valueOf(result);
        } catch (Exception e) {
            throw new AssertionError(command + " failed: " + e.getMessage());
        } finally {
            context.ungetService(reference);
        }
    }

    public static Bundle installed(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** How many instances of the memory extension's component are active in the bundle (0 once it is gone). */
    public static int activeMemoryInstances(org.osgi.service.component.runtime.ServiceComponentRuntime scr,
            Bundle bundle) {
        if (bundle.getState() == Bundle.UNINSTALLED) {
            return 0;
        }
        var description = scr.getComponentDescriptionDTO(bundle, "io.stowage.storage.memory.MemoryBackend");
        if (description == null) {
            return 0;
        }
        return (int) scr.getComponentConfigurationDTOs(description).stream()
                .filter(c -> c.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.ACTIVE)
                .count();
    }

    /**
     * Puts the key until the store takes it (its backend serves), up to 15 s; a failure message carries the last
     * error and the framework's log, since the framework is gone by the time anyone reads it.
     */
    public static void awaitWritable(Store store, String key, String value, LogReaderService log)
            throws InterruptedException {
        RuntimeException[] last = {null};
        try {
            await("store " + store.name() + " to take " + key, 15_000, () -> {
                try {
                    store.put(key, value.getBytes(StandardCharsets.UTF_8));
                    return true;
                } catch (RuntimeException notYet) {
                    last[0] = notYet;
                    return false;
                }
            });
        } catch (AssertionError e) {
            // Not chained: Pax Exam reports the innermost cause only
            throw new AssertionError(e.getMessage() + "; last failure: " + last[0] + "; log: "
                    + FrameworkLog.messages(log));
        }
    }

    /** Polls until the condition holds or the time is up. */
    public static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
