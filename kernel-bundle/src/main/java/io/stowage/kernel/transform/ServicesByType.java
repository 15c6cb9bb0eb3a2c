package io.stowage.kernel.transform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Extension services of one kind by type and version, newest first: the value transforms, and the index functions.
 * Lookups read an immutable snapshot, so they take no lock; a caller waiting for a type that is not registered (its
 * bundle is being updated, or was uninstalled) waits on this registry's monitor until one is.
 *
 * @param <S> the service interface
 */
public final class ServicesByType<S> {

    /** One registered service with its bundle's version. */
    public record Registered<S>(S service, String type, TransformVersion version) {
    }

    /** Per type, newest first; replaced whole on each change. */
    private volatile Map<String, List<Registered<S>>> byType = Map.of();
    /** Counts the changes, so that a lookup remembered with the count it was made at is known to be current. */
    private volatile long generation;

    /** Adds a service of the type (checked by the caller) and wakes those waiting for one. */
    public synchronized void add(String type, S service, TransformVersion version) {
        Map<String, List<Registered<S>>> next = new HashMap<>(byType);
        List<Registered<S>> versions = new ArrayList<>(next.getOrDefault(type, List.of()));
        versions.add(new Registered<>(service, type, version));
        versions.sort(Comparator.comparing((Registered<S> registered) -> registered.version()).reversed());
        next.put(type, List.copyOf(versions));
        byType = Map.copyOf(next);
        generation++;
        notifyAll();
    }

    /** Removes a service; nothing happens if it was not registered. */
    public synchronized void remove(S service) {
        Map<String, List<Registered<S>>> next = new HashMap<>();
        byType.forEach((type, versions) -> {
            List<Registered<S>> kept = versions.stream().filter(r -> r.service() != service).toList();
            if (!kept.isEmpty()) {
                next.put(type, kept);
            }
        });
        byType = Map.copyOf(next);
        generation++;
    }

    /** How many times a service was added or removed. */
    public long generation() {
        return generation;
    }

    /** Whether the service is registered now. */
    public boolean isRegistered(S service) {
        return byType.values().stream().anyMatch(list -> list.stream().anyMatch(r -> r.service() == service));
    }

    /** The type's registered versions, newest first; empty when none is. */
    public List<Registered<S>> versions(String type) {
        return byType.getOrDefault(type, List.of());
    }

    /** The highest version of the type, or null when none is registered. */
    public S newest(String type) {
        List<Registered<S>> versions = byType.get(type);
        return versions == null ? null : versions.get(0).service();
    }

    /** What the lookup finds, waiting up to the timeout for a registration that makes it find one; null if none. */
    public S await(Supplier<S> lookup, long timeoutMillis) {
        S found = lookup.get();
        if (found != null) {
            return found;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while ((found = lookup.get()) == null) {
                // In nanoseconds: milliseconds rounded down would end the wait up to one early
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
    public Map<String, List<Registered<S>>> registered() {
        return byType;
    }
}
