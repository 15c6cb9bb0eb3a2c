package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The shell imports the typed-data API dynamically: without typed-bundle it resolves and serves every command, and
 * {@code stowage:gc} says what is missing instead of failing on a missing class; a typed-bundle installed after the
 * shell serves {@code stowage:gc} at its next call, the shell keeping its wiring and class loader (no refresh).
 */
public class GcWithoutTypedDataIT extends FrameworkProbe {

    /** What typed-bundle alone needs, installed by the test in this order. */
    private static final List<String> JACKSON = List.of("jackson-annotations", "jackson-core", "jackson-databind");

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().without("jackson-annotations", "jackson-core", "jackson-databind",
                "typed-bundle");
    }

    @Test
    public void theShellServesWithoutTypedDataAndGcRunsOnceTypedDataIsInstalledWithNoRefresh() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.await("the default backend", 10_000, () -> command("stowage:backends").contains("serving"));
        Bundle shell = bundle("io.stowage.shell");
        assertEquals(Bundle.ACTIVE, shell.getState());
        assertEquals("stored k", command("stowage:put demo.app/plain k v"));
        assertTrue(command("stowage:commands").contains("stowage:gc "));
        assertTrue(command("stowage:gc --help").contains("-p, --page-size <count>"));
        assertEquals("stowage:gc needs the typed-data bundle (io.stowage.typed) installed",
                failure("stowage:gc demo.app/plain"));

        BundleWiring wiring = shell.adapt(BundleWiring.class);
        ClassLoader loader = wiring.getClassLoader();
        // Synchronous, so no event of the shell's can slip past between the install and the assertions
        List<String> shellEvents = new CopyOnWriteArrayList<>();
        SynchronousBundleListener listener = event -> {
            if (event.getBundle().equals(shell)) {
                shellEvents.add(name(event.getType()));
            }
        };
        context.addBundleListener(listener);
        try {
            // Without Jackson typed-bundle cannot resolve: the framework tries on the dynamic import, and gc says so
            Bundle typed = install("typed-bundle");
            assertEquals("stowage:gc needs the typed-data bundle (io.stowage.typed) resolved: bundle "
                    + typed.getBundleId() + " (io.stowage.typed " + typed.getVersion() + ") is installed but does not "
                    + "resolve; diag " + typed.getBundleId() + " (Gogo) or bundle:diag " + typed.getBundleId()
                    + " (Karaf) says what it lacks", failure("stowage:gc demo.app/plain"));
            assertEquals(Bundle.INSTALLED, typed.getState());

            // With Jackson installed, not even started, the next gc resolves typed-bundle and reaches its API:
            // this store was never an object store
            List<Bundle> jackson = new ArrayList<>();
            for (String artifactId : JACKSON) {
                jackson.add(install(artifactId));
            }
            assertTrue(failure("stowage:gc demo.app/plain").contains("is not an object store"));
            assertEquals(Bundle.RESOLVED, typed.getState());
            for (Bundle started : jackson) {
                started.start();
            }
            typed.start();
            assertTrue(failure("stowage:gc demo.app/plain").contains("is not an object store"));

            assertSame("the shell's wiring", wiring, shell.adapt(BundleWiring.class));
            assertSame("the shell's class loader", loader, shell.adapt(BundleWiring.class).getClassLoader());
            assertEquals("no event of the shell's (a refresh stops, unresolves, resolves and starts it)", List.of(),
                    shellEvents);
            assertEquals(Bundle.ACTIVE, shell.getState());
            // The wire the first gc made, to the typed-bundle installed here
            assertTrue(wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                    .anyMatch(wire -> wire.getProvider().getBundle().equals(typed)
                            && "io.stowage.typed".equals(wire.getCapability().getAttributes()
                                    .get(PackageNamespace.PACKAGE_NAMESPACE))));
        } finally {
            context.removeBundleListener(listener);
        }
    }

    private Bundle install(String artifactId) throws BundleException {
        return context.installBundle(new File(System.getProperty("stowage.bundles", "target/bundles"),
                artifactId + ".jar").toURI().toString());
    }

    private static String name(int type) {
        return switch (type) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            default -> "event " + type;
        };
    }
}
