package io.stowage.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
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
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.LogReaderService;

import io.stowage.api.Store;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.storage.sql.testing.PostgresServer;

/**
 * The framework an integration test runs in, and what tests do in it: the bundles and options of a Felix holding
 * SCR, ConfigAdmin, Log, Metatype, the Gogo runtime and Stowage ({@link #standard()}, {@link #without},
 * {@link #withBundles}, {@link #with}), backend and route configurations, Gogo commands, and condition waits.
 */
public final class StowageFramework {

    /**
     * Every bundle of the standard framework, by artifact id (the build copies each to {@code target/bundles} as
     * {@code <artifactId>.jar}), installed in this order: one line a bundle.
     */
    private static final List<String> BUNDLES = List.of(
            // What Stowage runs on
            "org.osgi.util.function",
            "org.osgi.util.promise",
            "org.osgi.service.component",
            "org.apache.felix.scr",
            "org.apache.felix.configadmin",
            "org.apache.felix.log",
            "org.apache.felix.metatype",
            "org.apache.felix.gogo.runtime",
            "org.apache.felix.gogo.command",
            "org.apache.felix.healthcheck.api",
            // Stowage
            "api-bundle",
            "kernel-bundle",
            "shell-bundle",
            "management-bundle",
            // Typed data for applications, and the Jackson bundles its JSON codec runs on
            "jackson-annotations",
            "jackson-core",
            "jackson-databind",
            "typed-bundle",
            "storage-memory-bundle",
            "thirdparty-lmdbjava",
            "storage-lmdb-bundle",
            // The Redis extension, Jedis and Lettuce, with what they run on as published bundles
            "reactive-streams",
            "reactor-core",
            "netty-common",
            "netty-buffer",
            "netty-resolver",
            "netty-transport",
            "netty-transport-native-unix-common",
            "netty-codec-base",
            "netty-codec-dns",
            "netty-handler",
            "netty-resolver-dns",
            "thirdparty-lettuce",
            "commons-pool2",
            "thirdparty-jedis",
            "storage-redis-bundle");

    private final List<String> bundles;
    private final List<Option> extra;

    private StowageFramework(List<String> bundles, List<Option> extra) {
        this.bundles = List.copyOf(bundles);
        this.extra = List.copyOf(extra);
    }

    /** The framework as the distribution runs it: every bundle of {@link #BUNDLES}. */
    public static StowageFramework standard() {
        return new StowageFramework(BUNDLES, List.of());
    }

    /**
     * This framework without the bundles named (artifact ids), for a test that proves Stowage works without them;
     * a name that is not in the framework fails, so a renamed bundle cannot make such a test pass vacuously.
     */
    public StowageFramework without(String... artifactIds) {
        List<String> left = new ArrayList<>(bundles);
        for (String artifactId : artifactIds) {
            if (!left.remove(artifactId)) {
                throw new IllegalArgumentException("no bundle " + artifactId + " to leave out of " + bundles);
            }
        }
        return new StowageFramework(left, extra);
    }

    /** This framework with bundles beyond the standard ones (artifact ids of jars the build copied). */
    public StowageFramework withBundles(String... artifactIds) {
        List<String> more = new ArrayList<>(bundles);
        more.addAll(Arrays.asList(artifactIds));
        return new StowageFramework(more, extra);
    }

    /** This framework with more Pax Exam options (framework properties, a server's port). */
    public StowageFramework with(Option... options) {
        List<Option> more = new ArrayList<>(extra);
        more.addAll(Arrays.asList(options));
        return new StowageFramework(bundles, more);
    }

    /** The Pax Exam options of this framework, for a {@code @Configuration} method. */
    public Option[] options() {
        List<Option> options = new ArrayList<>();
        String nativeFolder = System.getProperty("lmdbjava.extract.dir");
        if (nativeFolder != null) {
            // lmdbjava refuses an extraction folder that does not exist
            new File(nativeFolder).mkdirs();
        }
        String sqliteNatives = System.getProperty("org.sqlite.tmpdir");
        if (sqliteNatives != null) {
            // So does sqlite-jdbc: it fails to load its library into a folder that does not exist
            new File(sqliteNatives).mkdirs();
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
        File folder = new File(System.getProperty("stowage.bundles", "target/bundles"));
        for (String artifactId : bundles) {
            File jar = new File(folder, artifactId + ".jar");
            if (!jar.isFile()) {
                throw new IllegalStateException("no " + jar + ": run the integration tests through Maven (mvn verify),"
                        + " and declare the bundle as a dependency of the itest module");
            }
            options.add(bundle(jar.toURI().toString()));
        }
        options.addAll(extra);
        return CoreOptions.options(options.toArray(new Option[0]));
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

    /**
     * Creates (once per framework) a SQL backend configuration on a SQLite file under the framework's data folder;
     * the framework needs {@code withBundles("sqlite-jdbc", "storage-sql-bundle")}.
     */
    public static Configuration sqliteBackend(ConfigurationAdmin configurations, String name) throws IOException {
        Configuration configuration = configurations.getFactoryConfiguration("io.stowage.sql", name, "?");
        if (configuration.getProperties() == null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("name", name);
            properties.put("path", "sqlite/" + name + ".db");
            configuration.update(properties);
        }
        return configuration;
    }

    /** Creates (once per framework) a Redis backend configuration on a server of the test's own. */
    public static Configuration redisBackend(ConfigurationAdmin configurations, String name, int port)
            throws IOException {
        return redisBackend(configurations, name, port, null);
    }

    /** As {@link #redisBackend(ConfigurationAdmin, String, int)}, on the client named (null: the default). */
    public static Configuration redisBackend(ConfigurationAdmin configurations, String name, int port, String client)
            throws IOException {
        Configuration configuration = configurations.getFactoryConfiguration("io.stowage.redis", name, "?");
        if (configuration.getProperties() == null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("name", name);
            properties.put("uris", new String[] {"redis://127.0.0.1:" + port});
            properties.put("keyPrefix", "stowage:" + name + ":");
            if (client != null) {
                properties.put("client", client);
            }
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

    /**
     * Starts a PostgreSQL cluster of the test class's own, from its {@code @Configuration} method (outside the
     * framework), and passes its JDBC URL to the framework as {@code stowage.itest.postgres.url}; it stops when the
     * JVM does. The framework needs {@code withBundles("sqlite-jdbc", "postgresql", "storage-sql-bundle")}.
     */
    public static Option postgresServerForClass() {
        try {
            PostgresServer server = PostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is ending
                }
            }));
            return frameworkProperty("stowage.itest.postgres.url").value(server.jdbcUrl());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a PostgreSQL cluster for the test class", e);
        }
    }

    /**
     * Creates (once per framework) a SQL backend configuration on the class's PostgreSQL cluster, in a table named
     * after it ({@code default} alone is an SQL keyword).
     */
    public static Configuration postgresBackend(BundleContext context, ConfigurationAdmin configurations, String name)
            throws IOException {
        Configuration configuration = configurations.getFactoryConfiguration("io.stowage.sql", name, "?");
        if (configuration.getProperties() == null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("name", name);
            properties.put("jdbcUrl", context.getProperty("stowage.itest.postgres.url"));
            properties.put("user", PostgresServer.USER);
            properties.put("table", name + "_entries");
            configuration.update(properties);
        }
        return configuration;
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

    /**
     * Runs a Gogo command in a session of its own, as an operator types it, and returns what it printed (the
     * progress of a migration, say) followed by what it returned, as text; a failure fails the test, naming the
     * command, its message and the framework's log.
     */
    public static String command(BundleContext context, String command) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            Object result = execute(context, command, printed);
            return printed.toString(StandardCharsets.UTF_8) + (result == null ? "" : String.valueOf(result));
        } catch (Exception e) {
            // Not chained: Pax Exam reports the innermost cause only
            throw new AssertionError(command + " failed: " + e.getMessage() + "; log: " + log(context));
        }
    }

    /** Runs a Gogo command that must fail, and returns its failure message. */
    public static String failure(BundleContext context, String command) {
        try {
            execute(context, command, new ByteArrayOutputStream());
        } catch (Exception e) {
            return e.getMessage();
        }
        throw new AssertionError(command + " should have failed");
    }

    private static Object execute(BundleContext context, String command, ByteArrayOutputStream printed)
            throws Exception {
        ServiceReference<CommandProcessor> reference = context.getServiceReference(CommandProcessor.class);
        if (reference == null) {
            throw new AssertionError("no Gogo in this framework to run " + command);
        }
        CommandProcessor processor = context.getService(reference);
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            return session.execute(command);
        } finally {
            context.ungetService(reference);
        }
    }

    private static Object log(BundleContext context) {
        ServiceReference<LogReaderService> reference = context.getServiceReference(LogReaderService.class);
        if (reference == null) {
            return "(no log service)";
        }
        try {
            return FrameworkLog.messages(context.getService(reference));
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * The state {@code stowage:backends} shows for the backend configurations with this name, one a configuration
     * (empty while the kernel has not taken any in). The command first waits until the kernel has acted on every
     * change it was told of, so a state read here is one the kernel settled on.
     */
    public static List<String> backendStates(BundleContext context, String name) {
        List<String> states = new ArrayList<>();
        for (String line : command(context, "stowage:backends").split("\\R")) {
            String[] columns = line.trim().split("\\s+", 4);
            if (columns.length == 4 && columns[0].equals(name)) {
                states.add(columns[3]);
            }
        }
        return states;
    }

    /**
     * Replaces the kernel's configuration and waits until the kernel runs with it. SCR shows a component's new
     * properties just before it calls its {@code @Modified} method, so seeing them is not enough: see
     * {@link ConfigAdminBarriers#eventsDelivered}.
     */
    public static void kernelSettings(BundleContext context, ConfigurationAdmin configurations,
            ServiceComponentRuntime scr, Map<String, Object> settings) throws IOException, InterruptedException {
        configurations.getConfiguration("io.stowage.kernel", "?").update(new Hashtable<>(settings));
        Bundle kernel = installed(context, "io.stowage.kernel");
        await("SCR to give the kernel " + settings, 10_000, () -> scr.getComponentDescriptionDTOs(kernel).stream()
                .flatMap(description -> scr.getComponentConfigurationDTOs(description).stream())
                .anyMatch(component -> settings.entrySet().stream()
                        .allMatch(setting -> setting.getValue().equals(component.properties.get(setting.getKey())))));
        ConfigAdminBarriers.eventsDelivered(context, configurations);
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
    public static int activeMemoryInstances(ServiceComponentRuntime scr,
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
