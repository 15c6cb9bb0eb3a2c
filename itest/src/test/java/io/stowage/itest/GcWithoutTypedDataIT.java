package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The shell imports the typed-data API optionally: without typed-bundle it resolves and serves every command, and
 * {@code stowage:gc} says what is missing instead of failing on a missing class; a typed-bundle installed after the
 * shell resolved is wired by a refresh of the shell, which {@code stowage:gc} names.
 */
public class GcWithoutTypedDataIT extends FrameworkProbe {

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().without("typed-bundle");
    }

    @Test
    public void theShellServesWithoutTypedDataAndGcSaysWhatIsMissingThenRunsOnceWired() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.await("the default backend", 10_000, () -> command("stowage:backends").contains("serving"));
        Bundle shell = bundle("io.stowage.shell");
        assertEquals(Bundle.ACTIVE, shell.getState());
        assertEquals("stored k", command("stowage:put demo.app/plain k v"));
        assertTrue(command("stowage:commands").contains("stowage:gc "));
        assertTrue(command("stowage:gc --help").contains("-p, --page-size <count>"));
        assertEquals("stowage:gc needs the typed-data bundle (io.stowage.typed) installed",
                failure("stowage:gc demo.app/plain"));

        Bundle typed = context.installBundle(new File(System.getProperty("stowage.bundles", "target/bundles"),
                "typed-bundle.jar").toURI().toString());
        typed.start();
        assertEquals("stowage:gc needs the typed-data package io.stowage.typed wired to io.stowage.shell: bundle "
                + typed.getBundleId() + " (io.stowage.typed " + typed.getVersion() + ") exports it, but "
                + "io.stowage.shell resolved without it; refresh bundle " + shell.getBundleId() + " to wire it",
                failure("stowage:gc demo.app/plain"));

        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(shell), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh of the shell finished", refreshed.await(30, TimeUnit.SECONDS));
        // The typed-data API itself answers now: this store was never an object store
        StowageFramework.await("stowage:gc to reach the typed-data API", 10_000,
                () -> failure("stowage:gc demo.app/plain").contains("is not an object store"));
    }
}
