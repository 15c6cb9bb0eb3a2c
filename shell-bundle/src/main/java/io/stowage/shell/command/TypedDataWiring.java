package io.stowage.shell.command;

import java.util.Arrays;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Whether the typed-data API ({@code io.stowage.typed}) can be loaded by the bundle that holds this command logic.
 * Both shell bundles import the package dynamically, so they resolve and serve every other command without
 * typed-bundle, and the framework makes the wire at the first load that finds an exporter: a typed-bundle installed
 * after the shell serves {@code stowage:gc} at once, and nothing is refreshed (an optional import is wired only by a
 * refresh). {@code stowage:gc} asks here before {@code ObjectGarbage} loads, so a shell without the package prints
 * what is missing instead of a {@link NoClassDefFoundError}. The test is one explicit {@code loadClass} of
 * {@value #PROBE}: its {@link ClassNotFoundException} means no exporter could be wired, while a class missing inside
 * typed-bundle later is a fault of that bundle and surfaces as one.
 * <p>
 * Once made, the wire stays on the revision of typed-bundle it found: after typed-bundle is updated or uninstalled
 * the shell uses the old revision until the shell itself is refreshed. Felix's {@code refresh} and Karaf's features
 * service refresh it then, as a bundle that depends on typed-bundle, which is what such an update asks for.
 */
public final class TypedDataWiring {

    static final String PACKAGE = "io.stowage.typed";
    /** A class of the package: loading it is what makes the dynamic wire. */
    static final String PROBE = PACKAGE + ".ObjectStores";

    private final ClassLoader loader;
    /** The bundle of {@link #loader}, or null outside a framework (unit tests, an embedding): no bundle to name. */
    private final Bundle bundle;

    TypedDataWiring(ClassLoader loader, Bundle bundle) {
        this.loader = loader;
        this.bundle = bundle;
    }

    /** For the bundle that holds this class: shell-bundle, or shell-karaf-bundle, which embeds this package. */
    static TypedDataWiring ofThisBundle() {
        return new TypedDataWiring(TypedDataWiring.class.getClassLoader(),
                FrameworkUtil.getBundle(TypedDataWiring.class));
    }

    /** @throws CommandFailure saying what to install, or why the installed typed-data bundle does not serve */
    void require(String command) {
        Optional<String> missing = missing(command);
        if (missing.isPresent()) {
            throw new CommandFailure(missing.get());
        }
    }

    /** Why {@code command} cannot use the typed-data API here, or empty when it can. */
    Optional<String> missing(String command) {
        try {
            // loadClass neither links nor initializes: ObjectGarbage's first call does that, as without this check
            loader.loadClass(PROBE);
            return Optional.empty();
        } catch (ClassNotFoundException notWired) {
            return Optional.of(exporter().map(typed -> whyNotWired(command, typed))
                    .orElseGet(() -> command + " needs the typed-data bundle (" + PACKAGE + ") installed"));
        }
    }

    /** Why an installed bundle that declares the package could not be wired to the shell. */
    private String whyNotWired(String command, Bundle typed) {
        String named = "bundle " + typed.getBundleId() + " (" + typed.getSymbolicName() + " " + typed.getVersion()
                + ")";
        // The framework resolves an installed exporter on the dynamic import: one still unresolved could not be
        if (typed.getState() == Bundle.INSTALLED) {
            return command + " needs the typed-data bundle (" + PACKAGE + ") resolved: " + named
                    + " is installed but does not resolve; diag " + typed.getBundleId() + " (Gogo) or bundle:diag "
                    + typed.getBundleId() + " (Karaf) says what it lacks";
        }
        // Resolved, so it is the version (or a uses conflict) that kept the framework from wiring it
        Object version = declared(typed).map(c -> c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE))
                .orElse("none");
        return command + " cannot use the typed-data package " + PACKAGE + " of " + named + ": it exports version "
                + version + ", and " + bundle.getSymbolicName() + " imports "
                + bundle.getHeaders("").get(Constants.DYNAMICIMPORT_PACKAGE);
    }

    /** An installed bundle whose current revision declares the package, if there is one. */
    private Optional<Bundle> exporter() {
        if (bundle == null || bundle.getBundleContext() == null) {
            return Optional.empty();
        }
        return Arrays.stream(bundle.getBundleContext().getBundles())
                .filter(other -> declared(other).isPresent())
                .findFirst();
    }

    private static Optional<BundleCapability> declared(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return Optional.empty();
        }
        return revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .filter(capability -> PACKAGE.equals(capability.getAttributes()
                        .get(PackageNamespace.PACKAGE_NAMESPACE)))
                .findFirst();
    }
}
