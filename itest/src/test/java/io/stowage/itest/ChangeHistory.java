package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.stowage.api.ChangeKind;
import io.stowage.api.FeedGap;
import io.stowage.api.StoreEvent;

/**
 * The changes of writer keys one party saw, per store and key, in order: the versions put ({@link #DELETED} for a
 * delete). Writers fill one with what the store acknowledged; a feed or a listener fills one with what it received,
 * and equal histories mean nothing was lost, nothing duplicated and each key's order kept. A receiver's history
 * also checks that positions grow within each store, and keeps every gap as an error.
 */
final class ChangeHistory {

    static final long DELETED = -1;

    private final Map<String, List<Long>> byKey = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPosition = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** The value writers put for a version, which {@link #received} reads the version back from. */
    static byte[] value(long version) {
        return ("v" + version).getBytes(UTF_8);
    }

    /** A change a writer's store acknowledged. */
    void acknowledged(String store, String key, long version) {
        versions(store, key).add(version);
    }

    /** A change a feed or listener delivered; only keys of {@link FeedWriters} count, others are markers. */
    void received(StoreEvent event) {
        Long previous = lastPosition.put(event.store(), event.position());
        if (previous != null && previous >= event.position()) {
            errors.add(event + " delivered after position " + previous);
        }
        if (!FeedWriters.isWriterKey(event.key())) {
            return;
        }
        if (event.kind() == ChangeKind.PUT && event.value() != null) {
            versions(event.store(), event.key()).add(Long.parseLong(new String(event.value(), UTF_8).substring(1)));
        } else if (event.kind() == ChangeKind.DELETE) {
            versions(event.store(), event.key()).add(DELETED);
        } else {
            errors.add("unexpected " + event);
        }
    }

    void missed(FeedGap gap) {
        errors.add("missed " + gap);
    }

    void failed(String error) {
        errors.add(error);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Every key's versions, as {@code store/key}, in key order. */
    Map<String, List<Long>> snapshot() {
        Map<String, List<Long>> copy = new TreeMap<>();
        byKey.forEach((key, versions) -> {
            synchronized (versions) {
                copy.put(key, new ArrayList<>(versions));
            }
        });
        return copy;
    }

    /** How many changes it holds in all. */
    long size() {
        return snapshot().values().stream().mapToLong(List::size).sum();
    }

    private List<Long> versions(String store, String key) {
        return byKey.computeIfAbsent(store + "/" + key, k -> Collections.synchronizedList(new ArrayList<>()));
    }
}
