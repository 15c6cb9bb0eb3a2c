package io.stowage.kernel.transform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.stowage.spi.ValueTransform;

/**
 * The registered {@link ValueTransform} services, by type and version: new writes use a type's highest version,
 * reads any that reads the value's format version. Lookups read an immutable snapshot, so a transformed read takes
 * no lock; a writer waiting for a type that is not registered waits on this registry's monitor until one is.
 */
public final class TransformRegistry {

    /** One registered service with its bundle's version. */
    public record Registered(ValueTransform transform, String type, TransformVersion version) {
    }

    private static final Comparator<Registered> NEWEST_FIRST = Comparator.comparing(Registered::version).reversed();

    /** Per type, newest first; replaced whole on each change. */
    private volatile Map<String, List<Registered>> byType = Map.of();
    /** Counts the changes, so that a lookup remembered with the count it was made at is known to be current. */
    private volatile long generation;
    private final ChainCodec codec = new ChainCodec(this);

    /** Applies and undoes chains with the transforms registered here. */
    public ChainCodec codec() {
        return codec;
    }

    /** Adds a service; its type is checked here, so a transform with a bad type never serves. */
    public synchronized void add(ValueTransform transform, TransformVersion version) {
        String type = transform.type();
        TransformHeader.requireType(type);
        Map<String, List<Registered>> next = new HashMap<>(byType);
        List<Registered> versions = new ArrayList<>(next.getOrDefault(type, List.of()));
        versions.add(new Registered(transform, type, version));
        versions.sort(NEWEST_FIRST);
        next.put(type, List.copyOf(versions));
        byType = Map.copyOf(next);
        generation++;
        notifyAll();
    }

    /** Removes a service; nothing happens if it was not registered. */
    public synchronized void remove(ValueTransform transform) {
        Map<String, List<Registered>> next = new HashMap<>();
        byType.forEach((type, versions) -> {
            List<Registered> kept = versions.stream().filter(r -> r.transform() != transform).toList();
            if (!kept.isEmpty()) {
                next.put(type, kept);
            }
        });
        byType = Map.copyOf(next);
        generation++;
        codec.forgetBound();
    }

    /** Whether the service is registered now (a step bound to one that left must not be used again). */
    public synchronized boolean isRegistered(ValueTransform transform) {
        return byType.values().stream().anyMatch(list -> list.stream().anyMatch(r -> r.transform() == transform));
    }

    /**
     * How many times a service was added or removed: a lookup made after reading this count holds for as long as
     * the count stays the same.
     */
    public long generation() {
        return generation;
    }

    /** The highest version of the type, or null when none is registered. */
    public ValueTransform newest(String type) {
        List<Registered> versions = byType.get(type);
        return versions == null ? null : versions.get(0).transform();
    }

    /** The highest version of the type that reads values of this format version, or null. */
    public ValueTransform reading(String type, int formatVersion) {
        for (Registered registered : byType.getOrDefault(type, List.of())) {
            if (registered.transform().reads(formatVersion)) {
                return registered.transform();
            }
        }
        return null;
    }

    /** The highest version of the type, waiting up to the timeout for one to be registered; null if none came. */
    public ValueTransform awaitNewest(String type, long timeoutMillis) {
        return await(() -> newest(type), timeoutMillis);
    }

    /**
     * As {@link #reading}, waiting up to the timeout for such a transform to be registered (an update of its bundle
     * leaves none for a moment); null if none came.
     */
    public ValueTransform awaitReading(String type, int formatVersion, long timeoutMillis) {
        return await(() -> reading(type, formatVersion), timeoutMillis);
    }

    private ValueTransform await(Supplier<ValueTransform> lookup, long timeoutMillis) {
        ValueTransform found = lookup.get();
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
    public Map<String, List<Registered>> registered() {
        return byType;
    }
}
