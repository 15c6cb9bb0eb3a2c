package io.stowage.storage.sql;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.stowage.testkit.spi.StorageBackendContract;
import io.stowage.testlog.Loggers;

/** The SPI contract suite against the SQL backend on SQLite, on a file of its own per test that it reopens. */
class SqliteBackendContractTest extends StorageBackendContract<SqlBackend> {

    @TempDir
    Path folder;

    @Override
    protected SqlBackend open() {
        return SqlBackend.outsideFramework("contract", folder.resolve("contract.db"), Loggers.silent());
    }

    @Override
    protected void close(SqlBackend instance) {
        instance.close();
    }

    @Override
    protected SqlBackend reopen(SqlBackend instance) {
        instance.close();
        return open();
    }
}
