package io.stowage.launcher;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * The shell commands {@code shutdown} and {@code exit}, which Gogo's shell lacks: both stop the framework, and with it
 * the launcher. Gogo calls them by reflection, so the class and its methods must be public.
 * <p>
 * They live in the {@code gogo} scope because the shell's profile searches {@code gogo:*} first: in any other scope
 * {@code exit} could resolve to {@code system:exit(int)}, which the profile adds from {@code java.lang.System}.
 */
public final class ShutdownCommands {

    private final Framework framework;
    private final boolean consolePrompts;

    private ShutdownCommands(Framework framework, boolean consolePrompts) {
        this.framework = framework;
        this.consolePrompts = consolePrompts;
    }

    /** @param consolePrompts whether the console shows a prompt (no {@code -c} or {@code --script}) */
    static void register(BundleContext context, Framework framework, boolean consolePrompts) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "gogo");
        properties.put("osgi.command.function", new String[] {"shutdown", "exit"});
        context.registerService(Object.class, new ShutdownCommands(framework, consolePrompts), properties);
    }

    /**
     * Stops every bundle and ends the process with status 0. At the console's prompt it returns only once the framework
     * has stopped, or when the console stopping interrupts it: had it returned at once, the console would have read one
     * more line and left a {@code g! } prompt on the screen after the process ended. In a script it returns at once,
     * as it always did: waiting, the script's own session would end under it, failing the line.
     */
    public void shutdown() throws BundleException {
        framework.stop();
        if (!consolePrompts) {
            return;
        }
        try {
            framework.waitForStop(0);
        } catch (InterruptedException e) {
            // the console stops, or Ctrl-C at the console: the framework goes on stopping either way
        }
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
