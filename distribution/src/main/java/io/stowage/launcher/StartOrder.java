package io.stowage.launcher;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The order bundles start in: file-name order, but the ServiceLoader Mediator (Aries SPI Fly) first, and next the
 * bundles that only provide services through it (no activator: starting them runs none of their code). slf4j 2, which
 * Jetty logs through, picks its provider once, when the first logger is made: in file-name order Jetty would log
 * before slf4j-simple is registered, and slf4j 2 would print a warning to stderr and stay silent (NOP) for good.
 */
final class StartOrder {

    private static final String EXTENDER = "osgi.extender";
    private static final String SERVICE_LOADER = "osgi.serviceloader";
    private static final Set<String> MEDIATOR = Set.of("osgi.serviceloader.registrar", "osgi.serviceloader.processor");

    private StartOrder() {
    }

    /** {@code bundles} (in file-name order) sorted stably: the mediator, then its pure providers, then the rest. */
    static List<Bundle> of(List<Bundle> bundles) {
        return bundles.stream().sorted(Comparator.comparingInt(StartOrder::rank)).toList();
    }

    private static int rank(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return 2;
        }
        boolean mediator = revision.getDeclaredCapabilities(EXTENDER).stream()
                .map(BundleCapability::getAttributes)
                .anyMatch(attributes -> MEDIATOR.contains(String.valueOf(attributes.get(EXTENDER))));
        if (mediator) {
            return 0;
        }
        boolean providerOnly = !revision.getDeclaredCapabilities(SERVICE_LOADER).isEmpty()
                && bundle.getHeaders().get("Bundle-Activator") == null;
        return providerOnly ? 1 : 2;
    }
}
