package io.stowage.kernel.osgi;

import java.util.Collection;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.framework.startlevel.BundleStartLevel;

import io.stowage.kernel.instance.BackendInstances;

/**
 * Tells the kernel that a bundle is about to stop before any bundle listener hears of it: SCR deactivates a stopping
 * bundle's components from its listener, so this is the kernel's last chance to retire their backend instances.
 * Filters nothing.
 */
final class BundleStoppingHook implements EventHook {

    private final BackendInstances instances;

    BundleStoppingHook(BackendInstances instances) {
        this.instances = instances;
    }

    @Override
    public void event(BundleEvent event, Collection<BundleContext> contexts) {
        if (event.getType() == BundleEvent.STOPPING) {
            instances.bundleStopping(event.getBundle(), restarts(event.getBundle()));
        }
    }

    /**
     * Whether the stopping bundle is meant to start again (an update or a refresh): a stop that is not transient
     * marks the bundle persistently stopped before it fires STOPPING (OSGi Core R8 4.4.8, Bundle.stop step 3).
     */
    private static boolean restarts(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel != null && startLevel.isPersistentlyStarted();
    }
}
