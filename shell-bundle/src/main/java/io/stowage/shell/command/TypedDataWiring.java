package io.stowage.shell.command;

import java.util.Arrays;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Whether the typed-data API ({@code io.stowage.typed}) is wired to the bundle that holds this command logic, which
 * imports it optionally so that the shell resolves and serves every other command without typed-bundle.
 * {@code stowage:gc} asks here before any class of that package is loaded, so a shell without it prints what is
 * missing instead of a {@link NoClassDefFoundError}. Asking the wiring, rather than catching that error, also tells a
 * typed-bundle installed after the shell resolved (a refresh wires it) from none at all, and never takes a class
 * missing inside typed-bundle, a fault, for its absence.
 */
public final class TypedDataWiring {

    static final String PACKAGE = "io.stowage.typed";

    /** The bundle whose wiring counts, or null outside a framework (unit tests, an embedding): the class path decides. */
    private final Bundle bundle;

    TypedDataWiring(Bundle bundle) {
        this.bundle = bundle;
    }

    /** For the bundle that holds this class: shell-bundle, or shell-karaf-bundle, which embeds this package. */
    static TypedDataWiring ofThisBundle() {
        return new TypedDataWiring(FrameworkUtil.getBundle(TypedDataWiring.class));
    }

    /** @throws CommandFailure saying what to install or refresh, unless the package is wired here */
    void require(String command) {
        Optional<String> missing = missing(command);
        if (missing.isPresent()) {
            throw new CommandFailure(missing.get());
        }
    }

    /** Why {@code command} cannot use the typed-data API here, or empty when it can. */
    Optional<String> missing(String command) {
        if (bundle == null) {
            boolean present = TypedDataWiring.class.getClassLoader()
                    .getResource(PACKAGE.replace('.', '/') + "/ObjectStores.class") != null;
            return present ? Optional.empty() : Optional.of(notInstalled(command));
        }
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null && wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .anyMatch(wire -> isTypedData(wire.getCapability()))) {
            return Optional.empty();
        }
        // An optional import is wired only when its bundle resolves: one installed later takes a refresh
        return Optional.of(exporter().map(typed -> command + " needs the typed-data package " + PACKAGE
                + " wired to " + bundle.getSymbolicName() + ": bundle " + typed.getBundleId() + " ("
                + typed.getSymbolicName() + " " + typed.getVersion() + ") exports it, but " + bundle.getSymbolicName()
                + " resolved without it; refresh bundle " + bundle.getBundleId() + " to wire it")
                .orElseGet(() -> notInstalled(command)));
    }

    private static String notInstalled(String command) {
        return command + " needs the typed-data bundle (" + PACKAGE + ") installed";
    }

    /** A resolved bundle that exports the package, if one is installed. */
    private Optional<Bundle> exporter() {
        BundleContext context = bundle.getBundleContext();
        if (context == null) {
            return Optional.empty();
        }
        return Arrays.stream(context.getBundles()).filter(other -> {
            BundleWiring wiring = other.adapt(BundleWiring.class);
            return wiring != null && wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                    .anyMatch(TypedDataWiring::isTypedData);
        }).findFirst();
    }

    private static boolean isTypedData(BundleCapability capability) {
        return PACKAGE.equals(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE));
    }
}
