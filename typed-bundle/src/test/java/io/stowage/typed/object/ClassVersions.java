package io.stowage.typed.object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.stowage.typed.Ref;

/**
 * One version of an application's classes: sources compiled at test time into a folder of their own and loaded by a
 * class loader of their own, as a bundle's new revision is after {@code update}; the typed layer, Jackson and the
 * test's own classes come from the parent, as they come from other bundles.
 */
final class ClassVersions {

    private ClassVersions() {
    }

    /** A loader of the classes compiled from {@code sources} (file name to text), in {@code folder}. */
    static URLClassLoader compile(Path folder, Map<String, String> sources) {
        try {
            Path src = Files.createDirectories(folder.resolve("src"));
            Path classes = Files.createDirectories(folder.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    String.join(java.io.File.pathSeparator, location(Ref.class), location(Author.class),
                            location(JsonAlias.class))));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new AssertionError("javac failed with status " + status + " on " + sources.keySet());
            }
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassVersions.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
