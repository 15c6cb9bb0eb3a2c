package io.stowage.admin;

import java.util.List;

/**
 * An installed storage extension: one version of a backend type, from one bundle.
 *
 * @param serviceId the service id of its component factory, which tells two extensions of one version apart
 * @param serves the configurations its instances serve now, by name
 */
public record ExtensionInfo(long serviceId, String type, String version, long bundleId, String bundleSymbolicName,
        List<String> serves) {

    public ExtensionInfo {
        serves = List.copyOf(serves);
    }

    /** {@code type version (bundle id symbolic-name)}, as the kernel's log names it. */
    public String label() {
        return type + " " + version + " (bundle " + bundleId + " " + bundleSymbolicName + ")";
    }
}
