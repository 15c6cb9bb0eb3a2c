package io.stowage.storage.sql;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.stowage.storage.sql.testing.PostgresServer;
import io.stowage.testkit.spi.StorageBackendContract;
import io.stowage.testlog.Loggers;

/**
 * The SPI contract suite against the SQL backend on PostgreSQL, on a server of the class's own; each test's keys live in a
 * namespace of their own, so the tests share one table, which a reopen finds again.
 */
class PostgresBackendContractTest extends StorageBackendContract<SqlBackend> {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Override
    protected SqlBackend open() {
        return SqlBackend.outsideFramework("contract", server.jdbcUrl(), PostgresServer.USER, "contract",
                Loggers.silent());
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
