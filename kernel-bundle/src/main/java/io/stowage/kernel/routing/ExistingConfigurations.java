package io.stowage.kernel.routing;

import java.io.IOException;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedServiceFactory;

/**
 * Hands a factory's configurations that exist now to its {@link ManagedServiceFactory} at once, before the kernel
 * serves anyone: ConfigAdmin delivers them later, and meanwhile stores would go to the default backend or be written
 * without their indexes. ConfigAdmin delivers them again, and logs why one is refused.
 */
public final class ExistingConfigurations {

    private ExistingConfigurations() {
    }

    /** @param what names the configurations in an error, such as "the store routes" */
    public static void deliver(ConfigurationAdmin admin, String factoryPid, ManagedServiceFactory to, String what) {
        Configuration[] existing;
        try {
            existing = admin.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + factoryPid + ")");
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e, e);
        }
        for (Configuration configuration : existing == null ? new Configuration[0] : existing) {
            try {
                to.updated(configuration.getPid(), configuration.getProperties());
            } catch (ConfigurationException invalid) {
                // ConfigAdmin delivers it again to updated(), and logs why it is refused
            }
        }
    }
}
