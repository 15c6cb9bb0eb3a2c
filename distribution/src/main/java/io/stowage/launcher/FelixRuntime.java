package io.stowage.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A started OSGi framework with every bundle of {@code bundle/} installed and started, but for the console shell,
 * which {@link #startConsole()} starts once the runtime is ready for its commands.
 */
final class FelixRuntime {

    /** The bundle that reads the console; started last, so that no command is read before its service is there. */
    static final String CONSOLE_BUNDLE = "org.apache.felix.gogo.jline";
    /** JLine's uber bundle: the console's terminal and line reader. */
    static final String JLINE_BUNDLE = "org.jline";

    private static final Duration SERVICE_POLL_INTERVAL = Duration.ofMillis(50);

    private final Framework framework;
    /** No {@code -c} or {@code --script}: the console shows its prompt. */
    private final boolean consolePrompts;

    private FelixRuntime(Framework framework, boolean consolePrompts) {
        this.framework = framework;
        this.consolePrompts = consolePrompts;
    }

    /**
     * Installs the jars of {@code bundleDir} in file-name order, then starts each one that is not a fragment. The
     * shell commands of {@link ShutdownCommands} are there from the start.
     *
     * @throws StartupFailure if the framework or a bundle does not start; the framework is stopped again then
     */
    static FelixRuntime start(Map<String, String> properties, Path bundleDir) throws StartupFailure {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new StartupFailure("no OSGi framework in lib/ (no FrameworkFactory service)"));
        boolean consolePrompts = !FrameworkProperties.SCRIPT_MODE_GOSH_ARGS.equals(properties.get("gosh.args"));
        FelixRuntime runtime = new FelixRuntime(factory.newFramework(properties), consolePrompts);
        try {
            runtime.framework.init();
            // Before any bundle starts: the shell may read a piped "shutdown" as soon as it is up
            ShutdownCommands.register(runtime.context(), runtime.framework, consolePrompts);
            List<Bundle> bundles = runtime.install(bundleJars(bundleDir));
            runtime.framework.start();
            startAll(StartOrder.of(bundles).stream()
                    .filter(bundle -> !CONSOLE_BUNDLE.equals(bundle.getSymbolicName())).toList());
            return runtime;
        } catch (StartupFailure | RuntimeException e) {
            runtime.stop(Duration.ofSeconds(10));
            throw e;
        } catch (BundleException e) {
            runtime.stop(Duration.ofSeconds(10));
            throw new StartupFailure("the framework did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the console shell bundle, if there is one. With {@code --script} or {@code -c} (the {@code gosh.args} of
     * {@link FrameworkProperties#SCRIPT_MODE_GOSH_ARGS}) it shows no prompt, but its commands ({@code echo},
     * {@code each}, ...) serve the scripts: it then gets a dumb terminal, which leaves the tty's modes and signals
     * alone, so Ctrl-C still stops a script's runtime through the shutdown hook.
     */
    void startConsole() throws StartupFailure {
        List<Bundle> console = Arrays.stream(context().getBundles())
                .filter(bundle -> CONSOLE_BUNDLE.equals(bundle.getSymbolicName())).toList();
        if (console.isEmpty()) {
            return;
        }
        if (!consolePrompts) {
            System.setProperty("org.jline.terminal.provider", "dumb");
        } else if (System.getProperty("org.jline.terminal.dumb") == null) {
            // Where standard input is no terminal (a pipe, a file), JLine reads it as plain lines; unless told that
            // this is expected, it first prints a warning to stderr
            System.setProperty("org.jline.terminal.dumb", "true");
        }
        // The console bundle builds its terminal while it starts, on this thread. JLine finds its terminal providers
        // through the context class loader (TerminalProvider.load), here the launcher's, which cannot see them: JLine
        // would fall back to a dumb terminal with no line editing
        Thread thread = Thread.currentThread();
        ClassLoader launcherLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(jlineClassLoader().orElse(launcherLoader));
        try {
            startAll(console);
        } finally {
            thread.setContextClassLoader(launcherLoader);
        }
    }

    private Optional<ClassLoader> jlineClassLoader() {
        return Arrays.stream(context().getBundles())
                .filter(bundle -> JLINE_BUNDLE.equals(bundle.getSymbolicName()))
                .map(bundle -> bundle.adapt(BundleWiring.class))
                .filter(Objects::nonNull) // not resolved: the console bundle cannot start either, and says why
                .map(BundleWiring::getClassLoader)
                .findFirst();
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    boolean hasBundle(String symbolicName) {
        return Arrays.stream(context().getBundles()).anyMatch(bundle -> symbolicName.equals(bundle.getSymbolicName()));
    }

    /**
     * Waits for a service registered under {@code objectClass}, whatever class loader its interface comes from: the
     * launcher talks to such services only through reflection.
     *
     * @throws StartupFailure if none is registered by {@code deadline}
     */
    ServiceReference<?> awaitService(String objectClass, Instant deadline) throws StartupFailure {
        Duration timeout = Duration.between(Instant.now(), deadline);
        while (true) {
            ServiceReference<?>[] references = allServiceReferences(objectClass);
            if (references != null) {
                return references[0];
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StartupFailure("no " + objectClass + " service was registered within "
                        + Math.round(timeout.toMillis() / 1000.0) + " s");
            }
            sleep(SERVICE_POLL_INTERVAL);
        }
    }

    /** Blocks until the framework stops, e.g. after {@code stop 0} at the shell prompt. */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops the framework and waits up to {@code timeout} for its bundles to stop; does nothing if it is stopped. */
    void stop(Duration timeout) {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) == 0) {
            return;
        }
        try {
            framework.stop();
            framework.waitForStop(timeout.toMillis());
        } catch (BundleException e) {
            System.err.println("stowage: the framework did not stop cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ctrl-C or SIGTERM stop the bundles cleanly, so they can close their stores. */
    void stopOnJvmShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(Duration.ofSeconds(10)), "stowage-shutdown"));
    }

    private static List<Path> bundleJars(Path bundleDir) throws StartupFailure {
        try (Stream<Path> files = Files.list(bundleDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new StartupFailure("cannot list bundles in " + bundleDir + ": " + e.getMessage(), e);
        }
    }

    private List<Bundle> install(List<Path> jars) throws StartupFailure {
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            try {
                bundles.add(context().installBundle(jar.toUri().toString()));
            } catch (BundleException e) {
                throw new StartupFailure("bundle " + jar.getFileName() + " cannot be installed: " + e.getMessage(), e);
            }
        }
        return bundles;
    }

    private static void startAll(List<Bundle> bundles) throws StartupFailure {
        for (Bundle bundle : bundles) {
            if (isFragment(bundle)) {
                continue; // fragments attach to their host; they cannot be started
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                String cause = RootCause.of(e) == e ? "" : " (" + RootCause.of(e) + ")";
                throw new StartupFailure("bundle " + bundle.getSymbolicName() + " (" + bundle.getLocation()
                        + ") failed to start: " + e.getMessage() + cause, e);
            }
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private ServiceReference<?>[] allServiceReferences(String objectClass) throws StartupFailure {
        try {
            // "all": the system bundle cannot load the service's interface, so it must not filter on class compatibility
            return context().getAllServiceReferences(objectClass, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter cannot be invalid", e);
        } catch (IllegalStateException e) {
            throw new StartupFailure("the framework stopped while waiting for " + objectClass, e);
        }
    }

    private static void sleep(Duration duration) throws StartupFailure {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted while waiting for the runtime to start", e);
        }
    }
}
