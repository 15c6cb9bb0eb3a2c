package io.stowage.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Makes bundles for tests: empty bundles with a chosen symbolic name (callers of the storage service in their own
 * right), and second builds of installed bundles at other versions.
 */
final class TestBundles {

    private TestBundles() {
    }

    /**
     * The bundle's own jar with another {@code Bundle-Version}: a second build of the same sources, to install
     * beside it or update it to.
     */
    static InputStream atVersion(Bundle bundle, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(new URL(bundle.getLocation()).openStream())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            ByteArrayOutputStream jar = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return new ByteArrayInputStream(jar.toByteArray());
        }
    }

    static Bundle installAndStart(BundleContext context, String symbolicName) throws IOException, BundleException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            out.flush();
        }
        Bundle bundle = context.installBundle("test:" + symbolicName + ":" + System.nanoTime(),
                new ByteArrayInputStream(jar.toByteArray()));
        bundle.start();
        return bundle;
    }

    /** Refreshes the bundle (after an update or an uninstall) and waits up to 30 s for the refresh to end. */
    static void refresh(BundleContext context, Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        if (!refreshed.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("refresh of " + bundle.getSymbolicName() + " did not finish within 30 s");
        }
    }
}
