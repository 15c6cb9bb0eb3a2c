package io.stowage.kernel.routing;

import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedServiceFactory;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.transform.TransformChain;

/**
 * Receives the store route configurations (factory PID {@value #FACTORY_PID}) and hands the rules to the kernel. A
 * route whose {@code transforms} or {@code transformMinSize} is invalid is kept with a refused chain, so its stores
 * refuse writes rather than fall back to another route and write values untransformed; ConfigAdmin logs the error.
 */
public final class StoreRouteConfigurations implements ManagedServiceFactory {

    public static final String FACTORY_PID = "io.stowage.store";

    private final Kernel kernel;
    private final Map<String, RouteRule> rules = new ConcurrentHashMap<>();

    public StoreRouteConfigurations(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Applies the route configurations that exist now; ConfigAdmin delivers the same ones again later. */
    public void loadExisting(ConfigurationAdmin admin) {
        ExistingConfigurations.deliver(admin, FACTORY_PID, this, "the store routes");
    }

    @Override
    public String getName() {
        return "Stowage store routes";
    }

    @Override
    public synchronized void updated(String pid, Dictionary<String, ?> properties) throws ConfigurationException {
        Object backend = properties.get("backend");
        if (backend == null) {
            throw new ConfigurationException("backend", "store route " + pid + " names no backend configuration");
        }
        RouteRule rule;
        try {
            rule = new RouteRule(text(properties.get("namespace")), text(properties.get("store")), backend.toString());
        } catch (RuntimeException e) {
            throw new ConfigurationException(null, "store route " + pid + ": " + e.getMessage(), e);
        }
        IllegalArgumentException refused = null;
        TransformChain chain;
        try {
            chain = chain(pid, properties.get("transforms"), properties.get("transformMinSize"));
        } catch (IllegalArgumentException e) {
            refused = e;
            chain = TransformChain.refused(e.getMessage());
        }
        rules.put(pid, new RouteRule(rule.namespace(), rule.store(), rule.backend(), chain));
        kernel.updateRules(rules.values());
        if (refused != null) {
            throw new ConfigurationException("transforms", refused.getMessage(), refused);
        }
    }

    /** The route's chain, or null when it names none; an invalid one throws, naming the route and the position. */
    static TransformChain chain(String pid, Object transforms, Object minSize) {
        String text = transforms instanceof String[] parts ? String.join(",", parts)
                : transforms == null ? "" : transforms.toString();
        if (text.isBlank()) {
            return null;
        }
        int min = TransformChain.DEFAULT_MIN_SIZE;
        if (minSize != null) {
            try {
                min = Integer.parseInt(minSize.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("store route " + pid + ": transformMinSize '" + minSize
                        + "' is not a whole number of bytes");
            }
            if (min < 0) {
                throw new IllegalArgumentException("store route " + pid + ": transformMinSize " + min
                        + " is negative");
            }
        }
        return TransformChain.parse(pid, text, min);
    }

    @Override
    public synchronized void deleted(String pid) {
        if (rules.remove(pid) != null) {
            kernel.updateRules(rules.values());
        }
    }

    private static String text(Object value) {
        return value == null ? RouteRule.ANY : value.toString();
    }
}
