package io.stowage.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.osgi.framework.BundleActivator;

/**
 * Application bundles built inside a test from Java sources: compiled with the JDK's compiler against the jars of
 * the bundles under test, and packed with the manifest the test gives. So a test has real classes in as many versions
 * as it needs (a record with a field more, say) without a Maven module per version. A builder is immutable: each
 * step returns a new one, so a test can derive a second version or a second application from the first.
 */
final class AppBundles {

    /** What application sources compile against: artifact ids of {@code target/bundles}, and the OSGi core API. */
    private static final List<String> COMPILE_AGAINST = List.of("api-bundle", "typed-bundle", "jackson-annotations",
            "jackson-core", "jackson-databind", "cache-api", "jcache-bundle", "org.osgi.service.component.annotations");

    private final String symbolicName;
    private final String version;
    private final Map<String, String> sources;
    private final List<String> imports;
    private final String activator;
    /** Files other than classes (a DS component description), by path in the jar. */
    private final Map<String, String> resources;
    /** Manifest headers beyond the ones every application has ({@code Service-Component}). */
    private final Map<String, String> headers;

    private AppBundles(String symbolicName, String version, Map<String, String> sources, List<String> imports,
            String activator, Map<String, String> resources, Map<String, String> headers) {
        this.symbolicName = symbolicName;
        this.version = version;
        this.sources = Map.copyOf(sources);
        this.imports = List.copyOf(imports);
        this.activator = activator;
        this.resources = Map.copyOf(resources);
        this.headers = Map.copyOf(headers);
    }

    /** An application bundle with this symbolic name, version 1.0.0, no sources yet. */
    static AppBundles bundle(String symbolicName) {
        return new AppBundles(symbolicName, "1.0.0", Map.of(), List.of("org.osgi.framework"), null, Map.of(),
                Map.of());
    }

    /**
     * An application of the typed layer: it imports the Store API and {@code io.stowage.typed} 1.1 (object graphs
     * came with 1.1), and Jackson's annotations, which its records use to map renamed fields.
     */
    static AppBundles typedApplication(String symbolicName) {
        return bundle(symbolicName).imports("io.stowage.api;version=\"[1.1,2)\"",
                "io.stowage.typed;version=\"[1.1,2)\"", "com.fasterxml.jackson.annotation;version=\"[2.23,3)\"");
    }

    AppBundles named(String otherSymbolicName) {
        return new AppBundles(otherSymbolicName, version, sources, imports, activator, resources, headers);
    }

    AppBundles version(String otherVersion) {
        return new AppBundles(symbolicName, otherVersion, sources, imports, activator, resources, headers);
    }

    /** Adds or replaces the source of a class (fully qualified name). */
    AppBundles source(String className, String source) {
        Map<String, String> more = new LinkedHashMap<>(sources);
        more.put(className, source);
        return new AppBundles(symbolicName, version, more, imports, activator, resources, headers);
    }

    /** Adds {@code Import-Package} clauses ({@code org.osgi.framework} is always imported). */
    AppBundles imports(String... clauses) {
        List<String> more = new ArrayList<>(imports);
        more.addAll(List.of(clauses));
        return new AppBundles(symbolicName, version, sources, more, activator, resources, headers);
    }

    /** The {@code Bundle-Activator}: a class among the sources. */
    AppBundles activator(String className) {
        return new AppBundles(symbolicName, version, sources, imports, className, resources, headers);
    }

    /** Adds or replaces a file of the jar that is not a class, such as a DS component description. */
    AppBundles resource(String path, String text) {
        Map<String, String> more = new LinkedHashMap<>(resources);
        more.put(path, text);
        return new AppBundles(symbolicName, version, sources, imports, activator, more, headers);
    }

    /** Adds or replaces a manifest header, such as {@code Service-Component}. */
    AppBundles header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AppBundles(symbolicName, version, sources, imports, activator, resources, more);
    }

    String symbolicName() {
        return symbolicName;
    }

    /** The bundle's jar: the sources compiled for Java 17 and the manifest. */
    InputStream jar() throws IOException {
        Path classes = Files.createTempDirectory(workFolder(), "app-classes");
        compile(classes);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest()); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
            for (Map.Entry<String, String> resource : new java.util.TreeMap<>(resources).entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return new ByteArrayInputStream(jar.toByteArray());
    }

    private Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Import-Package", String.join(",", imports));
        main.putValue("Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\"");
        if (activator != null) {
            main.putValue("Bundle-Activator", activator);
        }
        headers.forEach(main::putValue);
        return manifest;
    }

    private void compile(Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this JVM (" + System.getProperty("java.home")
                    + "): the application bundles of " + symbolicName + " are compiled at test time and need a JDK");
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, source) -> units.add(new Source(name, source)));
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                    "-classpath", classPath());
            if (!compiler.getTask(messages, files, null, options, null, units).call()) {
                throw new IllegalStateException("the sources of " + symbolicName + " " + version
                        + " do not compile:\n" + messages);
            }
        }
    }

    private static String classPath() {
        File bundles = new File(System.getProperty("stowage.bundles", "target/bundles"));
        List<String> jars = new ArrayList<>();
        for (String artifactId : COMPILE_AGAINST) {
            File jar = new File(bundles, artifactId + ".jar");
            if (!jar.isFile()) {
                throw new IllegalStateException("no " + jar + " to compile application bundles against: declare "
                        + artifactId + " as a dependency of the itest module");
            }
            jars.add(jar.getAbsolutePath());
        }
        try {
            // The OSGi core API: whichever jar of the test's class path the framework's own classes came from
            jars.add(new File(BundleActivator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getAbsolutePath());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot find the jar of " + BundleActivator.class + " to compile against", e);
        }
        return String.join(File.pathSeparator, jars);
    }

    private static Path workFolder() throws IOException {
        String data = System.getProperty("stowage.itest.data", "target");
        return Files.createDirectories(Path.of(data, "app-bundles"));
    }

    /** A compilation unit held in memory, named after its class. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(java.net.URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
                    Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
