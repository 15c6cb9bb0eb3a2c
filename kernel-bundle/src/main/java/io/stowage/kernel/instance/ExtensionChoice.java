package io.stowage.kernel.instance;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;


/**
 * What is installed and configured, and which installed extension should serve each backend configuration: the
 * version an operator switched it to, the one serving a pinned configuration, else the highest in range. It decides;
 * {@link BackendInstances} acts. Touched only on the lifecycle thread, but for {@link #isLeaving}, which the thread
 * stopping an extension's bundle also feeds.
 */
final class ExtensionChoice {

    private final Logger logger;
    /** The instances serving now, by configuration name: the lifecycle's own map, read here. */
    private final Map<String, Instance> serving;
    private final Map<Long, Extension> extensions = new HashMap<>();
    private final Map<String, BackendConfiguration> configurations = new HashMap<>();
    /** Versions operators switched configurations to (stowage:switch), by configuration name. */
    private final Map<String, Version> chosenVersions = new HashMap<>();
    private final Set<String> reportedClashes = new HashSet<>();
    /** Extensions whose bundle is stopping: reported at once, acted on in turn; never start an instance on them. */
    private final Set<Long> departed = ConcurrentHashMap.newKeySet();

    ExtensionChoice(Map<String, Instance> serving, Logger logger) {
        this.serving = serving;
        this.logger = logger;
    }

    void installed(Extension extension) {
        extensions.put(extension.serviceId(), extension);
    }

    void configured(BackendConfiguration configuration) {
        configurations.put(configuration.pid(), configuration);
    }

    /** Whether the configuration was known. */
    boolean deleted(String pid) {
        return configurations.remove(pid) != null;
    }

    /** The extension's bundle is stopping: from now on it serves nothing new. Any thread. */
    void departing(long serviceId) {
        departed.add(serviceId);
    }

    /** Its removal was acted on: the extension is forgotten. Returns it, or null if it was not known. */
    Extension departed(long serviceId) {
        Extension extension = extensions.remove(serviceId);
        departed.remove(serviceId);
        return extension;
    }

    /** Its unbind was reported, or its bundle is stopping or stopped (the unbind is on its way). */
    boolean isLeaving(Extension extension) {
        return departed.contains(extension.serviceId())
                || (extension.bundle().getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0;
    }

    /** The names configurations claim, each once. */
    List<String> names() {
        return configurations.values().stream().map(BackendConfiguration::name).distinct().toList();
    }

    /**
     * The configuration that owns a name. Two configurations may claim one name; the one already served keeps it,
     * else the lowest PID wins, and the other waits (logged) until the name is free again.
     */
    BackendConfiguration configurationNamed(String name) {
        Instance current = serving.get(name);
        List<BackendConfiguration> claims = configurations.values().stream()
                .filter(c -> c.name().equals(name))
                .sorted(Comparator.comparing(BackendConfiguration::pid)).toList();
        if (claims.isEmpty()) {
            return null;
        }
        BackendConfiguration owner = current == null ? claims.get(0) : claims.stream()
                .filter(c -> c.pid().equals(current.configuration().pid())).findFirst().orElse(claims.get(0));
        for (BackendConfiguration other : claims) {
            if (other != owner && reportedClashes.add(other.pid())) {
                logger.error("backend configuration {} waits: its name '{}' is already used by {}", other.pid(), name,
                        owner.pid());
            }
        }
        return owner;
    }

    /**
     * Which installed extension should serve the configuration: the version an operator switched it to, while that
     * is installed and in range; else, for a pinned configuration, the one serving it now, while installed; else
     * the highest version in range.
     */
    Extension bestExtensionFor(BackendConfiguration configuration) {
        List<Extension> candidates = extensions.values().stream()
                .filter(extension -> extension.type().equals(configuration.type()))
                .filter(extension -> configuration.versions().includes(extension.version()))
                .sorted(Comparator.comparing(Extension::version).thenComparing(Extension::serviceId))
                .toList();
        Version chosen = chosenVersions.get(configuration.name());
        if (chosen != null) {
            for (int i = candidates.size() - 1; i >= 0; i--) {
                if (candidates.get(i).version().equals(chosen)) {
                    return candidates.get(i);
                }
            }
        }
        Instance current = serving.get(configuration.name());
        if (configuration.pinned() && current != null && candidates.contains(current.extension())) {
            return current.extension();
        }
        return candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
    }

    /**
     * Records an operator's choice of version for the named configuration, or drops it with {@code null}; refuses
     * (IllegalArgumentException) a configuration that does not exist or a version not installed or out of range.
     */
    void choose(String name, Version version) {
        BackendConfiguration configuration = configurationNamed(name);
        if (configuration == null) {
            throw new IllegalArgumentException("no backend configuration is named '" + name + "'");
        }
        if (version == null) {
            chosenVersions.remove(name);
            return;
        }
        List<Version> installed = extensions.values().stream()
                .filter(extension -> extension.type().equals(configuration.type()))
                .map(Extension::version).sorted().toList();
        if (!installed.contains(version)) {
            throw new IllegalArgumentException("no " + configuration.type() + " extension " + version
                    + " is installed; installed versions: " + installed);
        }
        if (!configuration.versions().includes(version)) {
            throw new IllegalArgumentException("version " + version + " is outside the range "
                    + configuration.versions() + " of configuration '" + name + "'; change its 'version' "
                    + "property first");
        }
        chosenVersions.put(name, version);
    }

    List<Extension> sortedExtensions() {
        return extensions.values().stream()
                .sorted(Comparator.comparing(Extension::type).thenComparing(Extension::version)).toList();
    }

    List<BackendConfiguration> sortedConfigurations() {
        return configurations.values().stream().sorted(Comparator.comparing(BackendConfiguration::name)).toList();
    }
}
