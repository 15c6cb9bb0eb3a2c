package io.stowage.typed.registry;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.stowage.typed.Codec;

/**
 * The codec services registered now, the one serving each id first. Reads take an immutable snapshot without a lock,
 * since every encode and decode through a handle reads it; changes, which come only with service events, copy it.
 */
final class RegisteredCodecs {

    /** A registered codec service: the service's id and ranking order the services of one id. */
    record Registration(Codec<?> codec, long serviceId, int ranking, long bundleId) {

        static final Comparator<Registration> SERVING_FIRST = Comparator.comparingInt(Registration::ranking)
                .reversed().thenComparingLong(Registration::serviceId);

        String describe() {
            return "'" + codec.id() + "' (service " + serviceId + " of bundle " + bundleId + ")";
        }
    }

    private final Map<Long, Registration> byService = new HashMap<>();
    private volatile Map<String, Registration> serving = Map.of();

    synchronized void add(Registration registration) {
        byService.put(registration.serviceId(), registration);
        publish();
    }

    synchronized void remove(long serviceId) {
        if (byService.remove(serviceId) != null) {
            publish();
        }
    }

    /** The registration serving the id now, or null. */
    Registration serving(String id) {
        return serving.get(id);
    }

    Set<String> ids() {
        return Collections.unmodifiableSet(new TreeSet<>(serving.keySet()));
    }

    private void publish() {
        Map<String, Registration> next = new TreeMap<>();
        for (Registration registration : byService.values()) {
            next.merge(registration.codec().id(), registration,
                    (a, b) -> Registration.SERVING_FIRST.compare(a, b) <= 0 ? a : b);
        }
        serving = Map.copyOf(next);
    }
}
