package io.stowage.kernel.instance;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.component.ComponentFactory;

import io.stowage.spi.StorageBackend;

/** An installed storage extension: one backend type at one version, from one bundle. */
public record Extension(long serviceId, String type, String configurationPid, Version version, Bundle bundle,
        ComponentFactory<StorageBackend> factory) {

    String label() {
        return type + " " + version + " (bundle " + bundle.getBundleId() + " " + bundle.getSymbolicName() + ")";
    }
}
