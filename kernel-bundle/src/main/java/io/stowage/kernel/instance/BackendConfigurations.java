package io.stowage.kernel.instance;

import java.util.Dictionary;

import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.log.Logger;

/** Receives the ConfigAdmin factory configurations of one backend type and passes them on. */
final class BackendConfigurations implements ManagedServiceFactory {

    private final BackendInstances instances;
    private final String type;
    private final Logger logger;

    BackendConfigurations(BackendInstances instances, String type, Logger logger) {
        this.instances = instances;
        this.type = type;
        this.logger = logger;
    }

    @Override
    public String getName() {
        return "Stowage " + type + " backend configurations";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) throws ConfigurationException {
        try {
            instances.configurationUpdated(BackendConfiguration.of(type, pid, properties));
        } catch (IllegalArgumentException e) {
            logger.error(e.getMessage());
            throw new ConfigurationException(null, e.getMessage(), e);
        }
    }

    @Override
    public void deleted(String pid) {
        instances.configurationDeleted(pid);
    }
}
