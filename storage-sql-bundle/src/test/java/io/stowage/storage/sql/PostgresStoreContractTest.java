package io.stowage.storage.sql;

import java.io.IOException;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.storage.sql.testing.PostgresServer;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.ManualClock;
import io.stowage.testkit.store.StoreContract;
import io.stowage.testlog.Loggers;

/** The Store contract suite through the kernel on PostgreSQL; time moves by hand (the kernel sweeps, no NATIVE_TTL). */
public class PostgresStoreContractTest extends StoreContract {

    private static final ManualClock CLOCK = new ManualClock();
    private static PostgresServer server;
    private static SqlBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() throws IOException {
        server = PostgresServer.start();
        backend = SqlBackend.outsideFramework("contract", server.jdbcUrl(), PostgresServer.USER, "contract",
                Loggers.silent());
        kernel = EmbeddedKernel.serve(backend, CLOCK);
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        try {
            kernel.close();
            backend.close();
        } finally {
            server.close();
        }
    }

    @Override
    protected StorageService storage() {
        return kernel.namespace("io.stowage.tck");
    }

    @Override
    protected void elapse(Duration duration) {
        CLOCK.advance(duration);
    }

    @Override
    protected boolean clockIsExact() {
        return true;
    }
}
