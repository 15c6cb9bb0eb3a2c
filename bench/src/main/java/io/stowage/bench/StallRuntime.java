package io.stowage.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

import io.stowage.api.StorageService;

/**
 * The distribution's bundles in an embedded Felix, for measuring what live updates and switches cost the callers.
 * The system bundle exports the Stowage API, so this code and the bundles share its classes, and the storage service
 * can be called directly (namespace: the system bundle's). Backends and routes come from .cfg files, through
 * FileInstall, as in the distribution.
 */
final class StallRuntime implements AutoCloseable {

    private final Path folder;
    private final Framework framework;

    private StallRuntime(Path folder, Framework framework) {
        this.folder = folder;
        this.framework = framework;
    }

    /** Starts every bundle of the folder but the API's, with one memory and one LMDB configuration. */
    static StallRuntime start(Path bundleFolder) throws Exception {
        Path folder = Files.createTempDirectory("stowage-stalls");
        Path etc = Files.createDirectories(folder.resolve("etc"));
        Files.writeString(etc.resolve("io.stowage.memory-volatile.cfg"), "name = volatile\nmaxKeys = 100000000\n");
        Files.writeString(etc.resolve("io.stowage.lmdb-default.cfg"), "name = default\npath = lmdb/default\n");
        Files.writeString(etc.resolve("io.stowage.store-cache.cfg"), "namespace = *\nstore = cache\nbackend = volatile\n");
        Files.writeString(etc.resolve("io.stowage.kernel.cfg"), "defaultBackend = default\noperationTimeoutMillis = 30000\n");
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, folder.resolve("cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "sun.nio.ch, sun.misc, " + apiExports(bundleFolder));
        properties.put("stowage.data", folder.resolve("data").toString());
        properties.put("felix.fileinstall.dir", etc.toString());
        properties.put("felix.fileinstall.poll", "200");
        properties.put("felix.log.level", "1");
        properties.put("org.osgi.service.log.admin.loglevel", "INFO");
        properties.put("org.apache.felix.log.maxSize", "10000");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(properties);
        framework.init();
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(bundleFolder)) {
            for (Path jar : jars.sorted().toList()) {
                String name = jar.getFileName().toString();
                // The API comes from the system bundle; the shell would read this process's standard input
                if (name.endsWith(".jar") && !name.startsWith("api-bundle") && !name.contains("gogo.jline")) {
                    installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
                }
            }
        }
        framework.start();
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return new StallRuntime(folder, framework);
    }

    /**
     * The API bundle's own Export-Package, which the system bundle exports in its place: written out here, the
     * package versions fell behind the API's (the kernel then did not resolve).
     */
    private static String apiExports(Path bundleFolder) throws IOException {
        try (Stream<Path> jars = Files.list(bundleFolder)) {
            Path api = jars.filter(jar -> jar.getFileName().toString().startsWith("api-bundle")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no api-bundle jar in " + bundleFolder));
            try (JarInputStream in = new JarInputStream(Files.newInputStream(api))) {
                return in.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            }
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    StorageService storage() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            ServiceReference<StorageService> reference = context().getServiceReference(StorageService.class);
            if (reference != null) {
                return context().getService(reference);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no storage service after 30 s");
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
                return bundle;
            }
        }
        throw new IllegalStateException("no bundle " + symbolicName);
    }

    /** The bundle's own jar with another Bundle-Version: a second build of the same sources. */
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

    /** A log entry of the framework's OSGi log, read by reflection (the log API's classes are the bundle's). */
    record LogLine(long millis, String bundle, String message) {
    }

    /** Log entries since the time, oldest first. */
    List<LogLine> logSince(long epochMillis) throws Exception {
        // All references: the system bundle is not wired to the log API, so the plain lookup finds none
        ServiceReference<?>[] references = context().getAllServiceReferences("org.osgi.service.log.LogReaderService",
                null);
        if (references == null) {
            return List.of();
        }
        Object reader = context().getService(references[0]);
        Method getLog = reader.getClass().getMethod("getLog");
        getLog.setAccessible(true);
        List<LogLine> lines = new ArrayList<>();
        for (Object entry : Collections.list((java.util.Enumeration<?>) getLog.invoke(reader))) {
            long time = (Long) call(entry, "getTime");
            if (time >= epochMillis) {
                Bundle bundle = (Bundle) call(entry, "getBundle");
                lines.add(new LogLine(time, bundle == null ? "?" : bundle.getSymbolicName(),
                        (String) call(entry, "getMessage")));
            }
        }
        Collections.reverse(lines);
        return lines;
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    /**
     * Stops the framework, waiting at most 30 s, and deletes the trial folder. Interrupted, it stops waiting, keeps
     * the interrupt for the caller (as {@link LoadClients#close()} does) and leaves the folder to the framework still
     * stopping in it.
     */
    @Override
    public void close() throws IOException {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            System.err.println("framework did not stop: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("interrupted while the framework stopped: " + folder + " left in place");
            return;
        }
        TrialFolder.delete(folder);
    }
}
