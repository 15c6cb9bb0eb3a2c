package io.stowage.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/** Installs empty bundles with a chosen symbolic name: callers of the storage service in their own right. */
final class TestBundles {

    private TestBundles() {
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
}
