package io.stowage.itest;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.api.StorageException;
import io.stowage.api.Store;

/** The Store contract suite against the SQL extension on SQLite, through the kernel, in a real Felix, on a real file. */
public class SqliteContractIT extends FrameworkContract {

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("sqlite-jdbc", "storage-sql-bundle");
    }

    @Override
    protected void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException {
        StowageFramework.sqliteBackend(configurations, "default");
    }

    /** Without the PostgreSQL driver's bundle, a PostgreSQL configuration fails naming the bundle to install. */
    @Test
    public void aPostgresqlConfigurationWithoutTheDriverNamesItsBundle() throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getFactoryConfiguration("io.stowage.sql",
                "driverless", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "driverless");
        properties.put("jdbcUrl", "jdbc:postgresql://127.0.0.1:1/none");
        configuration.update(properties);
        StowageFramework.route(context, configurations, "driverless", "driverless");
        Store store = storage().store("driverless");
        StorageException refused = assertThrows(StorageException.class, () -> store.put("k", new byte[] {1}));
        String everything = refused + String.join("\n", FrameworkLog.messages(log));
        assertTrue(everything, everything.contains("org.postgresql.jdbc") && everything.contains("'driverless'"));
    }
}
