package io.stowage.kernel.instance;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Constants;
import org.osgi.framework.VersionRange;

/**
 * A backend configuration: where one backend keeps its data. Its name is what routes refer to; its version range
 * picks which installed versions of its type may serve it.
 */
public record BackendConfiguration(String pid, String name, String type, VersionRange versions, boolean pinned,
        Map<String, Object> properties) {

    /** Configuration property: {@code latest} (default) moves to the highest version in range as soon as it appears. */
    static final String POLICY = "policy";
    static final String FOLLOW_LATEST = "latest";
    /** Policy that keeps the serving version while it is installed, until an operator switches. */
    static final String PINNED = "pinned";

    /** Reads a ConfigAdmin factory configuration of the type's PID. */
    static BackendConfiguration of(String type, String pid, Dictionary<String, ?> dictionary) {
        Map<String, Object> properties = new TreeMap<>();
        for (var keys = dictionary.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            properties.put(key, dictionary.get(key));
        }
        // Forms (the Web Console, Karaf's config:edit) save fields left empty as "": empty means the default here
        Object name = properties.get("name");
        Object version = properties.get("version");
        VersionRange versions;
        try {
            versions = new VersionRange(version == null || version.toString().isBlank() ? "0.0.0"
                    : version.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backend configuration " + pid + ": version '" + version
                    + "' is not an OSGi version range", e);
        }
        Object policy = properties.get(POLICY) == null || properties.get(POLICY).toString().isBlank() ? FOLLOW_LATEST
                : properties.get(POLICY).toString().trim();
        if (!policy.equals(FOLLOW_LATEST) && !policy.equals(PINNED)) {
            throw new IllegalArgumentException("backend configuration " + pid + ": policy '" + policy + "' is neither '"
                    + FOLLOW_LATEST + "' nor '" + PINNED + "'");
        }
        return new BackendConfiguration(pid, name == null || name.toString().isBlank() ? nameFromPid(pid)
                : name.toString().trim(), type, versions, policy.equals(PINNED), Map.copyOf(properties));
    }

    /** Named factory configurations have PIDs like {@code io.stowage.memory~default}. */
    private static String nameFromPid(String pid) {
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }

    /** What the factory gets: the configuration less ConfigAdmin's own bookkeeping. */
    Dictionary<String, Object> instanceProperties() {
        Hashtable<String, Object> dictionary = new Hashtable<>();
        properties.forEach((key, value) -> {
            if (!key.equals(Constants.SERVICE_PID) && !key.startsWith("service.factoryPid")
                    && !key.startsWith("felix.fileinstall.")) {
                dictionary.put(key, value);
            }
        });
        dictionary.put("name", name);
        dictionary.put(io.stowage.spi.BackendFactory.CONFIGURATION_NAME, name);
        return dictionary;
    }

    /** Whether the instance would be configured differently; which version serves it is the kernel's business. */
    boolean sameSettings(BackendConfiguration other) {
        return other != null && backendSettings().equals(other.backendSettings()) && type.equals(other.type);
    }

    private Dictionary<String, Object> backendSettings() {
        Dictionary<String, Object> settings = instanceProperties();
        settings.remove("version");
        settings.remove(POLICY);
        return settings;
    }
}
