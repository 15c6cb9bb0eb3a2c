package io.stowage.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/writing-an-extension.md holds to its word: the files it prints, written into an empty folder outside the
 * reactor, build into an extension bundle with a child {@code mvn} that sees only what a third party has after
 * {@code mvn install} of Stowage (the API, the kernel, the testkit and their parent POM), and both contract suites
 * run and pass on it. The guide's Java files are also the example-extension module's, byte for byte.
 *
 * <p>The child uses a private local repository under target/, so the shared one's io/stowage folder is never
 * touched; third-party artifacts come from the shared local repository read as a file:// remote, offline.
 */
class GuideBuildIT {

    /** A fenced block the guide marks with the file it is: {@code <!-- file: path -->} on the line before. */
    private static final Pattern FILE_BLOCK = Pattern.compile("<!-- file: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```\\n",
            Pattern.DOTALL);
    private static final Pattern SUITE = Pattern.compile("<testsuite [^>]*>");
    private static final List<String> PUBLISHED = List.of("api-bundle", "kernel-bundle", "test-log", "testkit");

    @TempDir
    Path extension;

    @Test
    void theGuidesExtensionBuildsFromAnEmptyFolderAndPassesBothSuites() throws Exception {
        Map<String, String> files = filesOfTheGuide();
        assertTrue(files.containsKey("pom.xml") && files.containsKey("bnd.bnd"), "the guide prints " + files.keySet());
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getKey().endsWith(".java")) {
                Path module = Path.of(System.getProperty("stowage.example")).resolve(file.getKey());
                assertEquals(Files.readString(module).stripTrailing(), file.getValue(),
                        file.getKey() + " in the guide differs from the example-extension module's");
            }
            Path target = extension.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue() + "\n");
        }

        Path work = Path.of(System.getProperty("stowage.guide.build"));
        Path repository = privateRepository(work.resolve("repository"));
        Path settings = settings(work.resolve("settings.xml"));
        Path log = work.resolve("build.log");
        String mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn").toString();
        Process build = new ProcessBuilder(mvn, "-B", "-o", "-Daether.offline.protocols=file", "-s",
                settings.toString(), "-Dmaven.repo.local=" + repository, "verify")
                .directory(extension.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(4, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError("the child build took over 4 minutes; its log: " + log);
        }
        assertEquals(0, build.exitValue(), "the child build failed; the end of " + log + ":\n" + tail(log));

        Map<String, int[]> suites = surefireReports(extension.resolve("target/surefire-reports"));
        int[] spi = suites.get("io.stowage.example.SortedMapBackendContractTest");
        int[] store = suites.get("io.stowage.example.SortedMapStoreContractTest");
        assertTrue(spi != null && store != null, "both suites ran: " + suites.keySet());
        assertTrue(spi[0] > 0 && spi[0] > spi[3], "SPI suite: " + spi[0] + " tests, " + spi[3] + " skipped");
        assertTrue(store[0] > 0, "Store suite: " + store[0] + " tests");
        for (int[] counts : List.of(spi, store)) {
            assertEquals(0, counts[1] + counts[2], "errors and failures");
        }

        try (Stream<Path> jars = Files.list(extension.resolve("target"))) {
            Path jar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
            try (JarFile bundle = new JarFile(jar.toFile())) {
                Manifest manifest = bundle.getManifest();
                var main = manifest.getMainAttributes();
                assertEquals("com.example.sortedmap", main.getValue("Bundle-SymbolicName"));
                assertTrue(main.getValue("Import-Package").contains("io.stowage.spi;version=\"[1."),
                        main.getValue("Import-Package"));
                assertTrue(main.getValue("Service-Component") != null, "no Service-Component header");
            }
        }
    }

    private static Map<String, String> filesOfTheGuide() throws IOException {
        String guide = Files.readString(Path.of(System.getProperty("stowage.guide")));
        Map<String, String> files = new LinkedHashMap<>();
        Matcher block = FILE_BLOCK.matcher(guide);
        while (block.find()) {
            files.put(block.group(1), block.group(2));
        }
        return files;
    }

    /** What {@code mvn install} of Stowage puts into a local repository, in its layout, and nothing else of ours. */
    private static Path privateRepository(Path repository) throws IOException {
        String version = System.getProperty("stowage.version");
        Path artifacts = Path.of(System.getProperty("stowage.artifacts"));
        List<String[]> files = new ArrayList<>();
        files.add(new String[] {"stowage-parent", "pom"});
        for (String artifact : PUBLISHED) {
            files.add(new String[] {artifact, "pom"});
            files.add(new String[] {artifact, "jar"});
        }
        for (String[] file : files) {
            String name = file[0] + "-" + version + "." + file[1];
            Path folder = repository.resolve("io/stowage").resolve(file[0]).resolve(version);
            Files.createDirectories(folder);
            Files.copy(artifacts.resolve(name), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return repository;
    }

    /** The shared local repository as the child's only remote, read over file:// (releases only). */
    private static Path settings(Path settings) throws IOException {
        String url = Path.of(System.getProperty("stowage.thirdparty.repository")).toUri().toString();
        String repository = "<id>central</id><url>" + url + "</url><releases><checksumPolicy>ignore</checksumPolicy>"
                + "</releases><snapshots><enabled>false</enabled></snapshots>";
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, """
                <settings>
                  <profiles>
                    <profile>
                      <id>shared-local-repository</id>
                      <repositories><repository>%1$s</repository></repositories>
                      <pluginRepositories><pluginRepository>%1$s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>shared-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository));
        return settings;
    }

    /** Per suite: tests, errors, failures, skipped. */
    private static Map<String, int[]> surefireReports(Path reports) throws IOException {
        Map<String, int[]> suites = new LinkedHashMap<>();
        if (!Files.isDirectory(reports)) {
            return suites;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList()) {
                Matcher suite = SUITE.matcher(Files.readString(report));
                if (suite.find()) {
                    String tag = suite.group();
                    suites.put(attribute(tag, "name"), new int[] {Integer.parseInt(attribute(tag, "tests")),
                            Integer.parseInt(attribute(tag, "errors")), Integer.parseInt(attribute(tag, "failures")),
                            Integer.parseInt(attribute(tag, "skipped"))});
                }
            }
        }
        return suites;
    }

    private static String attribute(String tag, String name) {
        Matcher value = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
        if (!value.find()) {
            throw new AssertionError("no " + name + " in " + tag);
        }
        return value.group(1);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
