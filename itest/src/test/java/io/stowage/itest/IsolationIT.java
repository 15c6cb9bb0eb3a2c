package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

import io.stowage.api.Entry;
import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * Two separate bundles use the same store and key names: neither sees, lists, scans, counts or deletes the other's
 * data, and neither can reach the raw storage extensions.
 */
public class IsolationIT extends FrameworkProbe {

    private static final String BACKEND_FACTORIES = "(component.factory=io.stowage.backend)";

    private Bundle alpha;
    private Bundle beta;

    @Before
    public void installCallers() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        alpha = TestBundles.installAndStart(context, "test.alpha");
        beta = TestBundles.installAndStart(context, "test.alpha.beta");
    }

    @After
    public void uninstallCallers() throws Exception {
        for (Bundle bundle : new Bundle[] {alpha, beta}) {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                storageOf(bundle).store("shared").clear();
                bundle.uninstall();
            }
        }
    }

    private static StorageService storageOf(Bundle bundle) {
        BundleContext context = bundle.getBundleContext();
        return context.getService(context.getServiceReference(StorageService.class));
    }

    @Test
    public void namespaceIsTheCallingBundlesSymbolicName() {
        assertEquals("test.alpha", storageOf(alpha).namespace());
        assertEquals("test.alpha.beta", storageOf(beta).namespace());
    }

    @Test
    public void sameStoreAndKeyNamesNeverMeet() {
        Store a = storageOf(alpha).store("shared");
        Store b = storageOf(beta).store("shared");
        a.put("k", "alpha".getBytes(UTF_8));
        a.put("only-alpha", "x".getBytes(UTF_8));
        b.put("k", "beta".getBytes(UTF_8));

        assertEquals("alpha", new String(a.get("k"), UTF_8));
        assertEquals("beta", new String(b.get("k"), UTF_8));
        assertNull(b.get("only-alpha"));
        assertEquals(List.of("k"), b.keys("*", 100).items());
        assertEquals(List.of("k", "only-alpha"), a.keys("*", 100).items());
        assertEquals(List.of("k"), b.scan(null, null, 100).items().stream().map(Entry::key).toList());
        // Bounds outside the caller's own keys stay inside its store
        assertEquals(List.of("k"), b.scan("\u0000", "\uFFFF", 100).items().stream().map(Entry::key).toList());
        assertEquals(List.of(), b.keys("\u0000*", 100).items());
        assertEquals(1, b.count());

        assertFalse(b.delete("only-alpha"));
        b.clear();
        assertEquals(2, a.count());
        assertEquals("alpha", new String(a.get("k"), UTF_8));
    }

    @Test
    public void rawExtensionsAreHiddenFromEveryBundleButTheKernel() throws Exception {
        for (BundleContext caller : new BundleContext[] {context, alpha.getBundleContext()}) {
            assertNull(caller.getServiceReferences("org.osgi.service.component.ComponentFactory", BACKEND_FACTORIES));
            assertNull(caller.getAllServiceReferences(null, BACKEND_FACTORIES));
        }
        Bundle kernel = bundle("io.stowage.kernel");
        ServiceReference<?>[] seenByKernel = kernel.getBundleContext().getServiceReferences(
                "org.osgi.service.component.ComponentFactory", BACKEND_FACTORIES);
        assertEquals(java.util.Set.of("io.stowage.storage.memory", "io.stowage.storage.lmdb",
                "io.stowage.storage.redis"),
                java.util.Arrays.stream(seenByKernel).map(r -> r.getBundle().getSymbolicName())
                        .collect(java.util.stream.Collectors.toSet()));

        // Nor do service events about them reach other bundles, while the kernel gets them
        List<ServiceEvent> seenByAlpha = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<ServiceEvent> seenByKernelListener = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServiceListener alphaListener = seenByAlpha::add;
        ServiceListener kernelListener = seenByKernelListener::add;
        alpha.getBundleContext().addServiceListener(alphaListener, BACKEND_FACTORIES);
        kernel.getBundleContext().addServiceListener(kernelListener, BACKEND_FACTORIES);
        try {
            Bundle memory = bundle("io.stowage.storage.memory");
            memory.stop();
            memory.start();
            StowageFramework.await("the kernel to see the memory extension again", 10_000,
                    () -> seenByKernelListener.stream().anyMatch(e -> e.getType() == ServiceEvent.REGISTERED));
            assertTrue(seenByKernelListener.stream().anyMatch(e -> e.getType() == ServiceEvent.UNREGISTERING));
            assertEquals(List.of(), seenByAlpha);
        } finally {
            alpha.getBundleContext().removeServiceListener(alphaListener);
            kernel.getBundleContext().removeServiceListener(kernelListener);
        }
    }

    @Test
    public void dataOutlivesTheBundlesUninstall() throws Exception {
        storageOf(alpha).store("kept").put("k", "v".getBytes(UTF_8));
        alpha.uninstall();
        Bundle again = TestBundles.installAndStart(context, "test.alpha");
        try {
            assertEquals("v", new String(storageOf(again).store("kept").get("k"), UTF_8));
            storageOf(again).store("kept").clear();
        } finally {
            again.uninstall();
        }
    }

    @Test
    public void probeHasItsOwnNamespace() throws Exception {
        assertFalse(storage().namespace().startsWith("test.alpha"));
    }
}
