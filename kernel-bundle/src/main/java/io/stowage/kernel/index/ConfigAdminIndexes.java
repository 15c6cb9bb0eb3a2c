package io.stowage.kernel.index;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.admin.StoreId;
import io.stowage.kernel.migration.ConfigAdminRoutes;

/**
 * Saves the indexes the operator creates as index configurations ({@value IndexConfigurations#FACTORY_PID}), and
 * deletes them when the operator drops an index, so that the indexes outlive the kernel. As for migrated routes
 * ({@link ConfigAdminRoutes}), where FileInstall watches a folder the configuration is also a {@code .cfg} file
 * there, which the operator sees and may delete to drop the index.
 */
public final class ConfigAdminIndexes implements IndexDefinitionStore {

    private static final String FILE_INSTALL_FILE = "felix.fileinstall.filename";

    private final ConfigurationAdmin admin;
    private final String watchedFolder;

    /** @param watchedFolder the folder FileInstall watches, or null without FileInstall */
    public ConfigAdminIndexes(ConfigurationAdmin admin, String watchedFolder) {
        this.admin = admin;
        this.watchedFolder = watchedFolder;
    }

    @Override
    public void save(StoreId store, IndexDefinition definition) {
        String name = store.namespace() + "." + store.store() + "." + definition.name();
        try {
            Configuration configuration = find(store, definition.name());
            if (configuration == null) {
                configuration = admin.getFactoryConfiguration(IndexConfigurations.FACTORY_PID, name, "?");
            }
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("store", store.label());
            properties.put("name", definition.name());
            properties.put("function", definition.function());
            properties.put("unique", Boolean.toString(definition.unique()));
            if (watchedFolder != null) {
                Path file = Path.of(watchedFolder, IndexConfigurations.FACTORY_PID + "-" + name + ".cfg");
                ConfigAdminRoutes.writeAtomically(file, "# An index made by stowage:index; delete the file to"
                        + " drop it\nstore = " + store.label() + "\nname = " + definition.name() + "\nfunction = "
                        + definition.function() + "\nunique = " + definition.unique() + "\n");
                properties.put(FILE_INSTALL_FILE, file.toFile().toURI().toString());
            }
            configuration.update(properties);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("the index was created but its configuration not saved: " + e, e);
        }
    }

    @Override
    public void remove(StoreId store, String index) {
        try {
            Configuration configuration = find(store, index);
            if (configuration == null) {
                return;
            }
            Object file = configuration.getProperties().get(FILE_INSTALL_FILE);
            configuration.delete();
            if (file != null) {
                Files.deleteIfExists(Path.of(URI.create(file.toString())));
            }
        } catch (IOException | InvalidSyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("the index was dropped but its configuration not deleted: " + e, e);
        }
    }

    private Configuration find(StoreId store, String index) throws IOException, InvalidSyntaxException {
        // Store labels and index names hold no LDAP special characters (names are restricted)
        Configuration[] found = admin.listConfigurations("(&(" + ConfigurationAdmin.SERVICE_FACTORYPID + "="
                + IndexConfigurations.FACTORY_PID + ")(store=" + store.label() + ")(name=" + index + "))");
        return found == null || found.length == 0 ? null : found[0];
    }
}
