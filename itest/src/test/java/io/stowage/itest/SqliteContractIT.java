package io.stowage.itest;

import java.io.IOException;

import org.osgi.service.cm.ConfigurationAdmin;

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
}
