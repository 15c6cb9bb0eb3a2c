package io.stowage.eventadmin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.StowageListener;
import io.stowage.admin.Subscription;

/**
 * Posts the committed changes of the configured stores as OSGi events ({@link StoreEvents} says how), from the
 * moment a store is known to the kernel. It needs a configuration naming the stores: nothing is posted unasked.
 * Changes committed while the bridge is not active (its bundle or the kernel restarting) are not posted; a consumer
 * that must not miss one follows {@link io.stowage.api.Store#watch} with positions instead.
 */
@Component(service = {}, configurationPid = EventAdminBridge.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EventBridgeConfig.class)
public final class EventAdminBridge {

    static final String PID = "io.stowage.eventadmin";

    private final StorePatterns patterns;
    private final boolean values;
    private final StowageAdmin admin;
    private final EventAdmin events;
    private final Logger logger;
    private final Map<StoreId, StoreFollower> followers = new TreeMap<>();
    private final Subscription subscription;
    private boolean closed;

    @Activate
    public EventAdminBridge(EventBridgeConfig config, @Reference StowageAdmin admin, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.patterns = StorePatterns.parse(config.stores());
        this.values = config.values();
        this.admin = admin;
        this.events = events;
        this.logger = logger;
        if (patterns.isEmpty()) {
            logger.warn("the Event Admin bridge names no store in 'stores': it posts nothing");
        }
        // Subscribed before the known stores are listed, so a store that becomes known in between is not missed
        this.subscription = admin.subscribe(new StowageListener() {
            @Override
            public void storeKnown(StoreId store) {
                follow(store);
            }
        });
        admin.knownStores().forEach(this::follow);
    }

    private synchronized void follow(StoreId store) {
        if (closed || followers.containsKey(store) || !patterns.matches(store)) {
            return;
        }
        try {
            followers.put(store, StoreFollower.start(store, admin.openStore(store), values, events, logger));
            logger.info("posting the changes of {} to Event Admin on {}", store.label(),
                    StoreEvents.topic(store.namespace()));
        } catch (RuntimeException e) {
            logger.error("cannot follow the changes of {}: {}", store.label(), e.toString(), e);
        }
    }

    /** The stores followed now. */
    synchronized List<StoreId> followed() {
        return List.copyOf(followers.keySet());
    }

    /** Stops every follower's thread and closes its feed and store handle. */
    @Deactivate
    synchronized void close() {
        closed = true;
        subscription.close();
        for (Map.Entry<StoreId, StoreFollower> follower : followers.entrySet()) {
            if (!follower.getValue().stop()) {
                logger.warn("the thread posting the changes of {} did not end in time", follower.getKey().label());
            }
        }
        followers.clear();
    }
}
