package io.stowage.thirdparty.lmdbjava;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The lmdbjava bundle alone, in Felix, resolves on JDK packages only, exports only org.lmdbjava, serves a
 * write/read round trip, and extracts its native library once for its class loader however many environments open.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LmdbjavaBundleIT {

    private static final String SYMBOLIC_NAME = "io.stowage.thirdparty.lmdbjava";
    /** lmdbjava 0.9.3 org.lmdbjava.Library: File.createTempFile("lmdbjava-native-library-", ...) */
    private static final String LMDB_PREFIX = "lmdbjava-native-library-";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        // Environments and extracted natives of earlier runs go; lmdbjava and jffi refuse a missing extraction folder
        emptyFolder(System.getProperty("stowage.lmdbjava.work"));
        Files.createDirectories(Path.of(System.getProperty("lmdbjava.extract.dir")));
        Files.createDirectories(Path.of(System.getProperty("jffi.extract.dir")));
        File wrapper = new File(System.getProperty("stowage.lmdbjava.bundle", "target/thirdparty-lmdbjava.jar"));
        if (!wrapper.isFile()) {
            throw new IllegalStateException("no bundle " + wrapper + ": run the integration tests through Maven (mvn verify)");
        }
        return options(
                // Pax Exam resolves its own bundles by mvn: links: only from what Maven already downloaded
                systemProperty("org.ops4j.pax.url.mvn.localRepository").value(System.getProperty("maven.repo.local",
                        System.getProperty("user.home") + "/.m2/repository")),
                systemProperty("org.ops4j.pax.url.mvn.repositories").value(""),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                cleanCaches(true),
                // As in the distribution: no boot delegation (Pax Exam's default is sun.*, which would hide a
                // missing sun.nio.ch until the first put), parent = the framework's class loader
                frameworkProperty("org.osgi.framework.bootdelegation").value(""),
                frameworkProperty("org.osgi.framework.bundle.parent").value("framework"),
                // lmdbjava casts every direct ByteBuffer to sun.nio.ch.DirectBuffer: the framework must export it
                systemPackage("sun.nio.ch"),
                junitBundles(),
                bundle(wrapper.toURI().toString()));
    }

    @Test
    public void resolvesOnJdkPackagesAndExportsOnlyOrgLmdbjava() {
        Bundle wrapper = wrapper();
        assertEquals("state of " + wrapper, Bundle.ACTIVE, wrapper.getState());
        assertEquals(new Version(0, 9, 3), wrapper.getVersion());

        // Every import is wired (none missing, not even an optional one), and only to the JDK (system bundle)
        BundleWiring wiring = wrapper.adapt(BundleWiring.class);
        Map<String, Long> imports = new TreeMap<>();
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            imports.put((String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE),
                    wire.getProvider().getBundle().getBundleId());
        }
        assertEquals(Map.of("sun.misc", 0L, "sun.nio.ch", 0L), imports);
        assertEquals("Import-Package clauses", imports.size(),
                wiring.getRequirements(PackageNamespace.PACKAGE_NAMESPACE).size());

        Map<String, Object> exports = new TreeMap<>();
        for (BundleCapability exported : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            exports.put((String) exported.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE),
                    exported.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
        }
        assertEquals(Map.of("org.lmdbjava", new Version(0, 9, 3)), exports);
    }

    @Test
    public void putsAndGetsThroughAWriteAndAReadTransaction() throws Exception {
        Bundle wrapper = wrapper();
        assertSame("org.lmdbjava comes from the wrapper bundle", wrapper,
                ((BundleReference) Env.class.getClassLoader()).getBundle());

        Path folder = Files.createTempDirectory(Path.of(System.getProperty("stowage.lmdbjava.work")), "env");
        String found = withLmdbjavaContextLoader(() -> {
            try (Env<ByteBuffer> env = Env.create().setMapSize(1 << 20).setMaxDbs(1).open(folder.toFile())) {
                Dbi<ByteBuffer> dbi = env.openDbi("proof", DbiFlags.MDB_CREATE);
                try (Txn<ByteBuffer> write = env.txnWrite()) {
                    dbi.put(write, direct("greeting"), direct("hello from OSGi"));
                    write.commit();
                }
                try (Txn<ByteBuffer> read = env.txnRead()) {
                    ByteBuffer value = dbi.get(read, direct("greeting"));
                    assertNotNull("value of greeting", value);
                    byte[] bytes = new byte[value.remaining()];
                    value.get(bytes);
                    return new String(bytes, UTF_8);
                }
            }
        });
        assertEquals("hello from OSGi", found);
    }

    @Test
    public void openingThreeEnvironmentsExtractsOneNativeLibraryPerClassLoader() throws Exception {
        Path work = Path.of(System.getProperty("stowage.lmdbjava.work"));
        for (int open = 1; open <= 3; open++) {
            Path folder = Files.createTempDirectory(work, "env" + open);
            withLmdbjavaContextLoader(() -> {
                try (Env<ByteBuffer> env = Env.create().setMapSize(1 << 20).open(folder.toFile())) {
                    return env.getMaxKeySize();
                }
            });
        }
        assertEquals("liblmdb copies in " + System.getProperty("lmdbjava.extract.dir"), 1,
                extracted("lmdbjava.extract.dir", LMDB_PREFIX));
        // jffi deletes its copy once loaded: count what the process has mapped instead (Linux)
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            assertEquals("liblmdb copies loaded", 1, mapped(maps, "lmdbjava.extract.dir"));
            assertEquals("libjffi copies loaded", 1, mapped(maps, "jffi.extract.dir"));
        }
    }

    private Bundle wrapper() {
        for (Bundle bundle : context.getBundles()) {
            if (SYMBOLIC_NAME.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + SYMBOLIC_NAME);
    }

    /** lmdbjava extracts liblmdb through the thread context class loader: it must be lmdbjava's own. */
    private static <T> T withLmdbjavaContextLoader(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Env.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ByteBuffer direct(String text) {
        byte[] bytes = text.getBytes(UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static long extracted(String folderProperty, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty(folderProperty)))) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).count();
        }
    }

    /** Distinct files from the folder that the process maps (a loaded library maps several segments). */
    private static long mapped(Path maps, String folderProperty) throws IOException {
        String folder = Path.of(System.getProperty(folderProperty)).toAbsolutePath() + File.separator;
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    .filter(file -> file.startsWith(folder))
                    .distinct()
                    .count();
        }
    }

    private static void emptyFolder(String folder) throws IOException {
        if (folder == null) {
            throw new IllegalStateException("work folder not set: run the integration tests through Maven (mvn verify)");
        }
        Path path = Path.of(folder);
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!file.equals(path)) {
                        Files.delete(file);
                    }
                }
            }
        }
        Files.createDirectories(path);
    }
}
