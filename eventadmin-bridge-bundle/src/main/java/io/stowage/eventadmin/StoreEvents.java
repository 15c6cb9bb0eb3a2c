package io.stowage.eventadmin;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.event.Event;

import io.stowage.api.FeedGap;
import io.stowage.api.StoreEvent;

/**
 * How a store's change becomes an OSGi event: the topic is {@value #TOPIC_ROOT} followed by the namespace with its
 * dots as topic separators ({@code com.example.app} posts to {@code io/stowage/store/com/example/app}), so a handler
 * subscribes to one namespace, or to a family of them with a trailing {@code *}; the store, key, kind and position
 * are properties, and the value too where the bridge is configured to carry values.
 */
final class StoreEvents {

    static final String TOPIC_ROOT = "io/stowage/store";
    static final String NAMESPACE = "namespace";
    static final String STORE = "store";
    static final String KEY = "key";
    /** {@code PUT}, {@code DELETE} or {@code EXPIRE}, as {@link io.stowage.api.ChangeKind}; {@code GAP} for a gap. */
    static final String KIND = "kind";
    static final String POSITION = "position";
    static final String VALUE = "value";
    static final String GAP = "GAP";
    /** For a gap: the first position missed, and where the events go on. */
    static final String MISSED_FROM = "missed.from";
    static final String RESUME_FROM = "resume.from";

    private StoreEvents() {
    }

    /** The namespace's topic; namespaces are dot-separated tokens of letters, digits, '_' and '-', as topics are. */
    static String topic(String namespace) {
        return TOPIC_ROOT + "/" + namespace.replace('.', '/');
    }

    static Event change(String namespace, StoreEvent change) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(NAMESPACE, namespace);
        properties.put(STORE, change.store());
        properties.put(KEY, change.key());
        properties.put(KIND, change.kind().name());
        properties.put(POSITION, change.position());
        byte[] value = change.value();
        if (value != null) {
            properties.put(VALUE, value);
        }
        return new Event(topic(namespace), properties);
    }

    /** Changes the bridge could not post: a handler that keeps a copy of the store reads it again. */
    static Event gap(String namespace, FeedGap gap) {
        return new Event(topic(namespace), Map.of(NAMESPACE, namespace, STORE, gap.store(), KIND, GAP,
                MISSED_FROM, gap.missedFrom(), RESUME_FROM, gap.resumeFrom()));
    }
}
