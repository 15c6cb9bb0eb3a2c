package io.stowage.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard listener: register it as a service and it receives the committed changes of its own bundle's stores
 * (its namespace, never another's), in commit order per store, on a kernel thread, after the commit. Service
 * properties choose what: {@value #STORE} (a store name or a glob over store names, default every store),
 * {@value #KEYS} (a glob over keys, default every key) and {@value #VALUES} ({@code true} to get the values written).
 *
 * <p>Each listener has a bounded queue. One that falls behind by more than it holds gets {@link #missed} once with
 * the gap, and then the changes after it: writers are never held up by a listener.
 *
 * @since 1.3
 */
@ConsumerType
public interface StoreListener {

    /** Service property: the stores listened to, by name or glob ({@code *}, {@code ?}, {@code [...]}). */
    String STORE = "stowage.store";
    /** Service property: the keys listened to, by glob. */
    String KEYS = "stowage.keys";
    /** Service property: {@code true} (Boolean or String) to receive the values of puts. */
    String VALUES = "stowage.values";

    /** One committed change. An exception thrown here is logged and the next change is delivered all the same. */
    void changed(StoreEvent event);

    /** Changes this listener did not get; see {@link FeedGap} for how to recover. */
    default void missed(FeedGap gap) {
    }
}
