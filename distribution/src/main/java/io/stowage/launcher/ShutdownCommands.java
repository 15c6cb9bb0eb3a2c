package io.stowage.launcher;

import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The shell commands {@code shutdown} and {@code exit}, which Gogo's shell lacks: both stop the framework, and with it
 * the launcher. Gogo calls them by reflection, so the class and its methods must be public.
 * <p>
 * They live in the {@code gogo} scope because the shell's profile searches {@code gogo:*} first: in any other scope
 * {@code exit} could resolve to {@code system:exit(int)}, which the profile adds from {@code java.lang.System}.
 */
public final class ShutdownCommands {

    private final Bundle systemBundle;

    private ShutdownCommands(Bundle systemBundle) {
        this.systemBundle = systemBundle;
    }

    static void register(BundleContext context, Bundle systemBundle) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "gogo");
        properties.put("osgi.command.function", new String[] {"shutdown", "exit"});
        context.registerService(Object.class, new ShutdownCommands(systemBundle), properties);
    }

    /** Stops every bundle and ends the process with status 0. */
    public void shutdown() throws BundleException {
        systemBundle.stop();
    }

    /** Same as {@link #shutdown()}: what a user types first at a prompt. */
    public void exit() throws BundleException {
        shutdown();
    }

    /** Ends the process with {@code status}; the launcher's shutdown hook stops the bundles first. */
    public void exit(int status) {
        System.exit(status);
    }
}
