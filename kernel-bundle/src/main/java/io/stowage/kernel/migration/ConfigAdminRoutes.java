package io.stowage.kernel.migration;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.kernel.routing.StoreRouteConfigurations;

/**
 * Saves a migrated store's route as a store route configuration ({@code io.stowage.store}), so that it outlives
 * the kernel: the route naming exactly that store is updated, or a new one is made.
 *
 * <p>Where FileInstall watches a folder, the route is also written there as a {@code .cfg} file, which the
 * configuration names ({@code felix.fileinstall.filename}) as FileInstall's own do: the route outlives the
 * framework's cache as a file the operator sees, and deleting the file removes it, as with every other configuration
 * of that folder. (FileInstall writes back changes to files it read, never new files; and the distribution cleans
 * its cache at every start, so a route kept in ConfigAdmin alone was lost at the next start.)
 */
public final class ConfigAdminRoutes implements StoreMigrator.RouteStore {

    /** Framework property naming the folder FileInstall watches for configurations. */
    public static final String FILE_INSTALL_FOLDER = "felix.fileinstall.dir";
    private static final String FILE_INSTALL_FILE = "felix.fileinstall.filename";

    private final ConfigurationAdmin admin;
    private final String watchedFolder;

    /** @param watchedFolder the folder FileInstall watches, or null without FileInstall */
    public ConfigAdminRoutes(ConfigurationAdmin admin, String watchedFolder) {
        this.admin = admin;
        this.watchedFolder = watchedFolder;
    }

    @Override
    public void persist(String namespace, String store, String configuration) {
        try {
            // Names hold no LDAP special characters (bundle symbolic names and store names are restricted)
            Configuration[] exact = admin.listConfigurations("(&(service.factoryPid="
                    + StoreRouteConfigurations.FACTORY_PID + ")(namespace=" + namespace + ")(store=" + store + "))");
            String name = "migrated." + namespace + "." + store;
            Configuration route = exact != null && exact.length > 0 ? exact[0]
                    : admin.getFactoryConfiguration(StoreRouteConfigurations.FACTORY_PID, name, "?");
            Dictionary<String, Object> properties = route.getProperties() == null ? new Hashtable<>()
                    : route.getProperties();
            properties.put("namespace", namespace);
            properties.put("store", store);
            properties.put("backend", configuration);
            if (watchedFolder != null) {
                Path file = fileOf(properties, name);
                writeAtomically(file, "# The route of a store moved by stowage:migrate; delete the file to drop it\n"
                        + "namespace = " + namespace + "\nstore = " + store + "\nbackend = " + configuration + "\n");
                // File.toURI, as FileInstall names its files (file:/...): stowage:ready looks the file up by that
                // name, and Path.toUri's file:///... is another one
                properties.put(FILE_INSTALL_FILE, file.toFile().toURI().toString());
            }
            route.update(properties);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    /** The file the route was read from, if FileInstall read it from the watched folder, else a new one there. */
    private Path fileOf(Dictionary<String, Object> properties, String name) {
        Object known = properties.get(FILE_INSTALL_FILE);
        if (known != null) {
            try {
                return Path.of(URI.create(known.toString()));
            } catch (IllegalArgumentException notAFile) {
                // written anew below
            }
        }
        return Path.of(watchedFolder, StoreRouteConfigurations.FACTORY_PID + "-" + name + ".cfg");
    }

    /** FileInstall polls the folder: it must never see half a file. */
    public static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
