package io.stowage.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.ServiceReference;

/**
 * Starts the Stowage runtime: locks the data folder, starts Felix with every bundle of {@code bundle/}, then either
 * hands the console to the Gogo shell or runs the given scripts. Exit statuses are in {@link ExitStatus}.
 */
public final class Main {

    static final String STORAGE_SERVICE = "io.stowage.api.StorageService";
    /** With the kernel installed, the launcher waits for its StorageService before the first command. */
    static final String KERNEL_BUNDLE = "io.stowage.kernel";
    /** With the shell installed, the launcher waits for its command services before the first command. */
    static final String SHELL_BUNDLE = "io.stowage.shell";
    static final List<String> SHELL_COMMANDS = List.of("io.stowage.shell.gogo.GogoCommands");
    /** Waits until every configuration of etc/ is applied and every backend configuration serves or says why not. */
    static final String READY_COMMAND = "stowage:ready";
    private static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SCRIPT_STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Aries SPI Fly logs every provider it registers at INFO through java.util.logging, to stderr; WARNING and worse
     * are still worth reading. Held here because java.util.logging keeps its loggers only weakly.
     */
    private static final Logger SPI_FLY_LOG = Logger.getLogger("org.apache.aries.spifly");

    // Captured before Gogo's ThreadIO replaces System.out and System.err with per-thread multiplexers.
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    private Main() {
    }

    public static void main(String[] args) {
        SPI_FLY_LOG.setLevel(Level.WARNING);
        int status = new Main().run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    @SuppressWarnings("try") // the lock is held, not used: it guards the data folder until the runtime is gone
    private int run(String[] args) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args, System.getProperty("stowage.home"));
        } catch (IllegalArgumentException e) {
            err.println("stowage: " + e.getMessage());
            err.println("Usage: " + LauncherOptions.USAGE);
            return ExitStatus.STARTUP_FAILED;
        }
        if (options.help()) {
            out.print(LauncherOptions.HELP);
            return ExitStatus.OK;
        }
        try (DataFolderLock lock = DataFolderLock.acquire(options.dataDir())) {
            WebConsoleSettings console = WebConsoleSettings.prepare(options.configurationDir());
            console.problem().ifPresent(problem -> {
                err.println(problem);
                // Felix HTTP would add "Jetty not started (HTTP and HTTPS disabled)": the line above says it and why
                System.setProperty("org.slf4j.simpleLogger.log.org.apache.felix.http", "error");
            });
            Map<String, String> properties = FrameworkProperties.of(options);
            properties.putAll(console.frameworkProperties());
            FelixRuntime runtime = FelixRuntime.start(properties, options.bundleDir());
            runtime.stopOnJvmShutdown();
            ServiceReference<?> processor = awaitReady(runtime);
            if (runtime.hasBundle(SHELL_BUNDLE)) {
                awaitConfiguration(runtime, processor);
            }
            if (options.interactive() && console.problem().isEmpty()) {
                out.println(console.startMessage()); // scripts' output stays theirs alone
            }
            runtime.startConsole();
            return options.interactive() ? runInteractive(runtime) : runScripts(runtime, processor, options);
        } catch (StartupFailure e) {
            err.println("stowage: " + e.getMessage());
            return ExitStatus.STARTUP_FAILED;
        } catch (Exception e) {
            err.println("stowage: unexpected failure: " + e);
            e.printStackTrace(err);
            return ExitStatus.STARTUP_FAILED;
        }
    }

    /** The Gogo shell bundle owns the console; the runtime lives until someone stops the framework. */
    private static int runInteractive(FelixRuntime runtime) throws InterruptedException {
        runtime.awaitStop();
        return ExitStatus.OK;
    }

    /**
     * Waits for Gogo's command processor, with the kernel installed for its StorageService, and with the shell bundle
     * installed for both of its command services, so that the first command, typed or scripted, finds them.
     */
    private static ServiceReference<?> awaitReady(FelixRuntime runtime) throws StartupFailure {
        Instant deadline = Instant.now().plus(SERVICES_TIMEOUT);
        ServiceReference<?> processor = runtime.awaitService(GogoSession.COMMAND_PROCESSOR, deadline);
        if (runtime.hasBundle(KERNEL_BUNDLE)) {
            runtime.awaitService(STORAGE_SERVICE, deadline);
        }
        if (runtime.hasBundle(SHELL_BUNDLE)) {
            for (String commands : SHELL_COMMANDS) {
                runtime.awaitService(commands, deadline);
            }
        }
        return processor;
    }

    /**
     * Runs {@code stowage:ready} before the first command, typed or scripted, can run. A runtime that is not ready in
     * time still opens: the operator needs the prompt to see and fix what is missing, and the message says what it is.
     */
    private void awaitConfiguration(FelixRuntime runtime, ServiceReference<?> processor) throws StartupFailure {
        try (GogoSession session = GogoSession.open(runtime.context(), processor, InputStream.nullInputStream(),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream())) {
            session.execute(READY_COMMAND);
        } catch (StartupFailure e) {
            throw e;
        } catch (Exception e) {
            err.println("stowage: starting anyway: " + RootCause.message(e));
        }
    }

    private int runScripts(FelixRuntime runtime, ServiceReference<?> processor, LauncherOptions options)
            throws StartupFailure {
        boolean succeeded;
        try (GogoSession session = GogoSession.open(runtime.context(), processor, InputStream.nullInputStream(), out, err)) {
            succeeded = new ScriptRunner(session, out, err).run(options.scripts(), System.in);
        }
        runtime.stop(SCRIPT_STOP_TIMEOUT);
        return succeeded ? ExitStatus.OK : ExitStatus.COMMAND_FAILED;
    }
}
