package io.stowage.kernel.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.stowage.kernel.transform.TransformVersion;
import io.stowage.spi.IndexFunction;

/**
 * The registered {@link IndexFunction} services, by type and version: indexes use a type's highest version. Lookups
 * read an immutable snapshot; a write or lookup waiting for a type that is not registered (its bundle is being
 * updated, or was uninstalled) waits on this registry's monitor until one is, as {@code TransformRegistry} does for
 * value transforms.
 */
public final class IndexFunctions {

    /** One registered service with its bundle's version. */
    public record Registered(IndexFunction function, String type, TransformVersion version) {
    }

    private static final Comparator<Registered> NEWEST_FIRST = Comparator.comparing(Registered::version).reversed();

    /** Per type, newest first; replaced whole on each change. */
    private volatile Map<String, List<Registered>> byType = Map.of();

    /** Adds a service; its type is checked here, so a function with a bad type never serves. */
    public synchronized void add(IndexFunction function, TransformVersion version) {
        String type = IndexDefinition.requireType(function.type());
        Map<String, List<Registered>> next = new HashMap<>(byType);
        List<Registered> versions = new ArrayList<>(next.getOrDefault(type, List.of()));
        versions.add(new Registered(function, type, version));
        versions.sort(NEWEST_FIRST);
        next.put(type, List.copyOf(versions));
        byType = Map.copyOf(next);
        notifyAll();
    }

    /** Removes a service; nothing happens if it was not registered. */
    public synchronized void remove(IndexFunction function) {
        Map<String, List<Registered>> next = new HashMap<>();
        byType.forEach((type, versions) -> {
            List<Registered> kept = versions.stream().filter(r -> r.function() != function).toList();
            if (!kept.isEmpty()) {
                next.put(type, kept);
            }
        });
        byType = Map.copyOf(next);
    }

    /** The highest version of the type, or null when none is registered. */
    public IndexFunction newest(String type) {
        List<Registered> versions = byType.get(type);
        return versions == null ? null : versions.get(0).function();
    }

    /** The highest version of the type, waiting up to the timeout for one to be registered; null if none came. */
    public IndexFunction awaitNewest(String type, long timeoutMillis) {
        IndexFunction found = newest(type);
        if (found != null) {
            return found;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while ((found = newest(type)) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return found;
        }
    }

    /** What is registered now, by type (newest first): for error messages and the operator's view. */
    public Map<String, List<Registered>> registered() {
        return byType;
    }
}
