package io.stowage.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a runtime shows once it has applied the files of its {@code etc/} and {@code deploy/} folders: the backend
 * configurations {@code stowage:backends} lists, the routes of {@code stowage:routes}, and the extensions from
 * {@code deploy/} in {@code stowage:extensions}. FileInstall applies them in the background, within a second or two
 * of a start or a change; a document's next command assumes it has.
 *
 * @param backends the configuration names, one per backend configuration file of etc/
 * @param routes {@code namespace/store -> configuration}, with {@code through <chain> (from <n> bytes)} when the route
 *        names transforms, one per store route file of etc/, each without spaces: the shell spaces a chain its own way
 * @param deployed the {@code symbolic name version} of each jar in deploy/
 */
record Applied(Set<String> backends, Set<String> routes, Set<String> deployed) {

    private static final Pattern BACKEND_FILE = Pattern.compile("io\\.stowage\\.([a-z]+)-(.+)\\.cfg");
    private static final Pattern ROUTE_FILE = Pattern.compile("io\\.stowage\\.store-.+\\.cfg");
    /** An index stowage:index saved: no backend configuration, though its file name has the same shape. */
    private static final Pattern INDEX_FILE = Pattern.compile("io\\.stowage\\.index-.+\\.cfg");

    /** What the files of {@code home}'s etc/ and deploy/ say the runtime shows once it has applied them. */
    static Applied expectedFrom(Path home) {
        Set<String> backends = new TreeSet<>();
        Set<String> routes = new TreeSet<>();
        for (Path file : list(home.resolve("etc"))) {
            String name = file.getFileName().toString();
            Matcher backend = BACKEND_FILE.matcher(name);
            if (ROUTE_FILE.matcher(name).matches()) {
                Properties route = properties(file);
                routes.add((value(route, "namespace", "*") + "/" + value(route, "store", "*") + " -> "
                        + value(route, "backend", "?") + through(route)).replaceAll("\\s+", ""));
            } else if (backend.matches() && !INDEX_FILE.matcher(name).matches()) {
                backends.add(value(properties(file), "name", backend.group(2)));
            }
        }
        Set<String> deployed = new TreeSet<>();
        for (Path jar : list(home.resolve("deploy"))) {
            if (jar.toString().endsWith(".jar")) {
                deployed.add(bundleOf(jar));
            }
        }
        return new Applied(backends, routes, deployed);
    }

    /**
     * What the runtime shows, from the output of {@code stowage:backends}, {@code stowage:routes} and
     * {@code stowage:extensions} run in a row (each echoed as {@code g! <command>}).
     */
    static Applied shownBy(List<String> output) {
        Map<String, List<String>> sections = sections(output);
        Set<String> backends = new TreeSet<>();
        for (String row : sections.getOrDefault("stowage:backends", List.of())) {
            if (!row.startsWith("NAME ") && !row.isBlank()) {
                backends.add(row.strip().split("\\s+")[0]);
            }
        }
        Set<String> routes = new TreeSet<>();
        for (String row : sections.getOrDefault("stowage:routes", List.of())) {
            if (!row.startsWith("default -> ") && !row.isBlank()) {
                routes.add(row.replaceAll("\\s+", ""));
            }
        }
        Set<String> extensions = new TreeSet<>();
        for (String row : sections.getOrDefault("stowage:extensions", List.of())) {
            // TYPE VERSION BUNDLE-ID SYMBOLIC-NAME SERVES
            String[] columns = row.strip().split("\\s+");
            if (columns.length >= 4 && !row.startsWith("TYPE ")) {
                extensions.add(columns[3] + " " + columns[1]);
            }
        }
        return new Applied(backends, routes, extensions);
    }

    /**
     * Whether {@code shown} is what these files say, for the jars of deploy/ as far as they are extensions: those
     * in deploy/ are listed, and those that have left it ({@code left}) are not.
     */
    boolean isShownBy(Applied shown, Set<String> left) {
        return backends.equals(shown.backends) && routes.equals(shown.routes)
                && shown.deployed.containsAll(deployed) && left.stream().noneMatch(shown.deployed::contains);
    }

    private static Map<String, List<String>> sections(List<String> output) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        for (String line : output) {
            if (line.startsWith("g! ")) {
                current = new ArrayList<>();
                sections.put(line.substring(3).strip(), current);
            } else {
                current.add(line);
            }
        }
        return sections;
    }

    private static List<Path> list(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** How {@code stowage:routes} ends the route's line when it names transforms, without spaces. */
    private static String through(Properties route) {
        String transforms = value(route, "transforms", "");
        return transforms.isEmpty() ? "" : "through" + transforms + "(from" + value(route, "transformMinSize", "64")
                + "bytes)";
    }

    /** A value as FileInstall reads it: a quoted string is the text between the quotes. */
    private static String value(Properties properties, String key, String otherwise) {
        String value = properties.getProperty(key, otherwise).strip();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String bundleOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String symbolicName = manifest.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].strip();
            return symbolicName + " " + manifest.getMainAttributes().getValue("Bundle-Version").strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
