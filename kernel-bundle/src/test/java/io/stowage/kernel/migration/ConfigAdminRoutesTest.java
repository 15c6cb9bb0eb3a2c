package io.stowage.kernel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A saved route is a file of the watched folder, and its configuration names that file exactly as FileInstall does. */
class ConfigAdminRoutesTest {

    @TempDir
    Path etc;

    @Test
    void theRouteNamesItsFileAsFileInstallNamesTheFilesItReads() throws Exception {
        AtomicReference<Dictionary<String, Object>> saved = new AtomicReference<>();
        Configuration route = proxy(Configuration.class, (method, args) -> switch (method) {
            case "getProperties" -> null;
            case "update" -> {
                @SuppressWarnings("unchecked")
                Dictionary<String, Object> properties = (Dictionary<String, Object>) args[0];
                saved.set(properties);
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
        ConfigurationAdmin admin = proxy(ConfigurationAdmin.class, (method, args) -> switch (method) {
            case "listConfigurations" -> null;
            case "getFactoryConfiguration" -> route;
            default -> throw new UnsupportedOperationException(method);
        });

        new ConfigAdminRoutes(admin, etc.toString()).persist("demo", "sessions", "shared");

        File file = new File(etc.toFile(), "io.stowage.store-migrated.demo.sessions.cfg");
        assertTrue(Files.readString(file.toPath()).contains("backend = shared"));
        // FileInstall's DirectoryWatcher: new File(folder, name).toURI(), file:/... (Path.toUri() gives file:///...)
        assertEquals(file.toURI().toString(), saved.get().get("felix.fileinstall.filename"));
        assertEquals("shared", saved.get().get("backend"));
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
