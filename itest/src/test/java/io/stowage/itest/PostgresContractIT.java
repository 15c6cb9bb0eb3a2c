package io.stowage.itest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.api.StorageException;
import io.stowage.api.Store;
import io.stowage.storage.sql.testing.PostgresServer;

/**
 * The Store contract suite against the SQL extension on PostgreSQL, through the kernel, in a real Felix with the
 * driver as the bundle it is published as, on a cluster of the test class's own.
 */
public class PostgresContractIT extends FrameworkContract {

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("sqlite-jdbc", "postgresql", "storage-sql-bundle")
                .with(StowageFramework.postgresServerForClass());
    }

    @Override
    protected void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException {
        StowageFramework.postgresBackend(context, configurations, "default");
    }

    /** A login the server refuses: the password shows in no command output and no log line. */
    @Test
    public void aRefusedLoginShowsThePasswordNowhere() throws Exception {
        String password = "Pw-that-must-not-show-42";
        org.osgi.service.cm.Configuration locked = configurations.getFactoryConfiguration("io.stowage.sql", "locked",
                "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "locked");
        properties.put("jdbcUrl", context.getProperty("stowage.itest.postgres.url") + "_missing");
        properties.put("user", PostgresServer.USER);
        properties.put("password", password);
        locked.update(properties);
        StowageFramework.route(context, configurations, "guarded", "locked");
        Store guarded = storage().store("guarded");
        StorageException refused = assertThrows(StorageException.class, () -> guarded.put("k", new byte[] {1}));
        String everything = refused + StowageFramework.command(context, "stowage:backends")
                + StowageFramework.command(context, "stowage:instances") + FrameworkLog.messages(log);
        assertFalse(everything.contains(password));
        assertTrue(everything, everything.contains("postgres_missing"));
    }
}
