package io.stowage.shell.command;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.InstanceState;
import io.stowage.admin.StowageAdmin;

/**
 * Whether the runtime has taken in its configuration folder: every configuration file FileInstall watches has become a
 * ConfigAdmin configuration, every backend configuration among them has reached the kernel, every bundle in a folder
 * that another FileInstall watcher deploys from is started, and every backend configuration is serving or says why not
 * (unused, waiting for an extension, failed). FileInstall, ConfigAdmin and the
 * kernel each act on their own threads after the bundles have started, so a prompt or a script that starts at once
 * can otherwise see only part of {@code etc/}.
 */
public final class Readiness {

    /** FileInstall's property holding the file a configuration came from, as a file URI. */
    private static final String SOURCE_FILE = "felix.fileinstall.filename";
    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    private static final String WATCHED_FOLDER = "felix.fileinstall.dir";
    private static final Pattern DEFAULT_FILES = Pattern.compile(".*\\.(cfg|config)");
    private static final Duration POLL = Duration.ofMillis(100);
    /** The factory PID of index definitions (docs/operating.md), which the kernel reads beside backends. */
    private static final String INDEX_DEFINITIONS = "io.stowage.index";

    private final StowageAdmin admin;
    private final ConfigurationAdmin configurationAdmin;
    private final BundleContext context;
    /** The operator API's bundle: the kernel, which takes the backend configurations. */
    private final Bundle kernel;

    public Readiness(StowageAdmin admin, ConfigurationAdmin configurationAdmin, BundleContext context) {
        this(admin, configurationAdmin, context, FrameworkUtil.getBundle(admin.getClass()));
    }

    Readiness(StowageAdmin admin, ConfigurationAdmin configurationAdmin, BundleContext context, Bundle kernel) {
        this.admin = admin;
        this.configurationAdmin = configurationAdmin;
        this.context = context;
        this.kernel = kernel;
    }

    /** How long {@code stowage:ready} waits unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    /** As {@link #await(Duration)}, for a wait as typed (e.g. 30s), or the default wait when it is null. */
    public String await(String wait) throws InterruptedException {
        if (wait == null) {
            return await(DEFAULT_WAIT);
        }
        Duration duration;
        try {
            duration = ShellText.parseDuration(wait);
        } catch (RuntimeException notADuration) {
            throw new CommandFailure("--wait '" + wait + "' is not a duration: use e.g. 30s, 2m or PT1M");
        }
        return await(duration);
    }

    /**
     * Waits until ready, polling, for at most {@code wait}.
     *
     * @return what is ready: the files applied and each backend configuration's state
     * @throws CommandFailure naming what is still pending when {@code wait} is over
     */
    public String await(Duration wait) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        List<String> pending = pending();
        while (!pending.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new CommandFailure("not ready after " + ShellText.seconds(wait) + ": "
                        + String.join("; ", pending));
            }
            Thread.sleep(POLL.toMillis());
            pending = pending();
        }
        return summary();
    }

    /** What is not ready yet, one phrase each; empty when ready. */
    List<String> pending() {
        List<String> pending = new ArrayList<>();
        for (File file : watchedFiles()) {
            Optional<Configuration> configuration = appliedFrom(file);
            if (configuration.isEmpty()) {
                pending.add(file.getName() + " is not applied yet");
            } else if (!reachedKernel(configuration.get())) {
                pending.add("backend configuration " + configuration.get().getProperties().get("name") + " of "
                        + file.getName() + " has not reached the kernel");
            }
        }
        pending.addAll(bundlesNotYetDeployed());
        admin.awaitSettled();
        for (ConfigurationInfo configuration : admin.configurations()) {
            if (configuration.state() == InstanceState.STARTING || configuration.state() == InstanceState.ENDING) {
                pending.add("backend configuration " + configuration.name() + " is "
                        + configuration.state().name().toLowerCase(Locale.ROOT));
            }
        }
        return pending;
    }

    /**
     * The jars of every further FileInstall watcher (the distribution's {@code deploy/}) that are not yet installed
     * and started: an extension dropped there before the start serves only once its bundle is.
     */
    private List<String> bundlesNotYetDeployed() {
        List<String> pending = new ArrayList<>();
        for (Configuration watcher : configurations("(&(service.factoryPid=" + FILEINSTALL + ")(" + WATCHED_FOLDER
                + "=*))")) {
            Dictionary<String, Object> properties = watcher.getProperties();
            Object filter = properties.get("felix.fileinstall.filter");
            Pattern names = Pattern.compile(filter == null ? ".*\\.jar" : filter.toString());
            File[] jars = new File(properties.get(WATCHED_FOLDER).toString()).listFiles(
                    file -> file.isFile() && names.matcher(file.getName()).matches());
            for (File jar : jars == null ? new File[0] : jars) {
                Bundle bundle = context.getBundle(jar.getAbsoluteFile().toURI().toString());
                if (bundle == null) {
                    pending.add(jar.getName() + " is not installed yet");
                } else if (bundle.getState() != Bundle.ACTIVE && !isFragment(bundle)) {
                    pending.add(jar.getName() + " is not started yet");
                }
            }
        }
        return pending;
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    private List<Configuration> configurations(String filter) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot read the configurations " + filter + ": " + e.getMessage(), e);
        }
    }

    private String summary() {
        List<String> states = admin.configurations().stream()
                .map(c -> c.name() + " " + BackendStates.brief(c)).toList();
        return "ready: " + watchedFiles().size() + " configuration files applied"
                + (states.isEmpty() ? "; no backend configuration" : "; " + String.join(", ", states));
    }

    private List<File> watchedFiles() {
        String folder = context.getProperty(WATCHED_FOLDER);
        if (folder == null) {
            return List.of();
        }
        String filter = context.getProperty("felix.fileinstall.filter");
        Pattern names = filter == null ? DEFAULT_FILES : Pattern.compile(filter);
        File[] files = new File(folder).listFiles(file -> file.isFile() && names.matcher(file.getName()).matches());
        return files == null ? List.of() : Arrays.stream(files).sorted().toList();
    }

    private Optional<Configuration> appliedFrom(File file) {
        String source = file.getAbsoluteFile().toURI().toString();
        return configurations("(" + SOURCE_FILE + "=" + escape(source) + ")").stream().findFirst();
    }

    /**
     * A factory configuration whose factory the kernel listens for has reached it once the kernel lists its name; one
     * that nothing of the kernel's takes (another bundle's, or a backend whose extension is not installed) has nowhere
     * further to go.
     */
    private boolean reachedKernel(Configuration configuration) {
        String factory = configuration.getFactoryPid();
        Dictionary<String, Object> properties = configuration.getProperties();
        Object name = properties == null ? null : properties.get("name");
        // The kernel also reads index definitions, whose 'name' names an index, not a backend configuration
        if (factory == null || name == null || INDEX_DEFINITIONS.equals(factory) || !kernelListensFor(factory)) {
            return true;
        }
        return admin.configuration(name.toString().trim()).isPresent();
    }

    private boolean kernelListensFor(String factoryPid) {
        try {
            ServiceReference<?>[] listeners = context.getServiceReferences(ManagedServiceFactory.class.getName(),
                    "(service.pid=" + escape(factoryPid) + ")");
            return listeners != null && Arrays.stream(listeners)
                    .anyMatch(listener -> listener.getBundle().equals(kernel));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("an escaped PID cannot make a bad filter", e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
