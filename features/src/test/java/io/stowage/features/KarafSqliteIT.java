package io.stowage.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.stowage.storage.sql.testing.PostgresServer;

/**
 * The SQLite feature in a real Karaf, as an operator uses it: install stowage-sqlite beside a running LMDB store
 * (refreshing no Stowage bundle), copy its example configuration and route from stowage-examples into etc/, and the
 * stores named 'ledger' live in a SQLite file under Karaf's data folder. Then stowage-postgresql beside it: the
 * driver's optional import wires the same extension to a PostgreSQL cluster of the test's own. One Karaf for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafSqliteIT extends OneKarafPerClass {

    @Test
    @Order(1)
    void theExampleConfigurationKeepsARoutedStoreInASqliteFileInKarafsDataFolder() throws Exception {
        karaf.admin("feature:repo-add " + System.getProperty("stowage.features.url"));
        karaf.admin("feature:install stowage-lmdb");
        karaf.admin("stowage:put demo/ledger before:1 on-lmdb");
        int before = karaf.logLength();
        karaf.admin("feature:install stowage-sqlite");
        List<String> log = karaf.logSince(before).stream().map(FeaturesLog::message).toList();
        assertEquals(List.of(), FeaturesLog.refreshed(log).stream().filter(line -> line.strip().startsWith("io.stowage"))
                .toList(), "installing the SQLite feature refreshed no Stowage bundle");
        String bundles = karaf.awaitAdmin(out -> out.contains("io.stowage.storage.sql"), "bundle:list -t 0 -s");
        for (String name : List.of("io.stowage.storage.sql", "org.xerial.sqlite-jdbc")) {
            assertTrue(bundles.lines().anyMatch(line -> line.contains(name) && line.contains("Active")),
                    name + " active in:" + System.lineSeparator() + bundles);
        }
        assertTrue(karaf.admin("config:meta io.stowage.sql").contains("busyTimeoutMillis"));

        Path examples = karaf.home().resolve("stowage-examples");
        for (String example : List.of("io.stowage.sql-ledger.cfg", "io.stowage.store-ledger.cfg")) {
            Files.copy(examples.resolve(example), karaf.etc().resolve(example));
        }
        karaf.awaitAdmin(out -> out.contains("*/ledger -> ledger"), "stowage:routes");
        karaf.await(result -> result.status() == 0, "stowage:put demo/ledger entry:1 'first line'");
        karaf.admin("stowage:put demo/ledger entry:2 'second line'");
        assertEquals("first line", karaf.admin("stowage:get demo/ledger entry:1").strip());
        assertEquals(List.of("entry:1", "entry:2"), karaf.admin("stowage:keys demo/ledger '*'").strip().lines()
                .map(String::strip).toList());
        String backends = karaf.admin("stowage:backends");
        assertTrue(backends.lines().anyMatch(line -> line.startsWith("ledger") && line.contains("serving on sql")),
                backends);
        assertTrue(Files.isRegularFile(karaf.home().resolve("data/stowage/sqlite/ledger.db")),
                "the database file under Karaf's data folder");
    }

    @Test
    @Order(2)
    void thePostgresqlFeatureWiresTheExtensionToTheDriverAndAConfigurationServesFromAServer() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            karaf.admin("feature:repo-add " + System.getProperty("stowage.features.url"));
            karaf.admin("feature:install stowage-postgresql");
            String bundles = karaf.awaitAdmin(out -> out.contains("org.postgresql.jdbc"), "bundle:list -t 0 -s");
            for (String name : List.of("io.stowage.storage.sql", "org.postgresql.jdbc", "org.xerial.sqlite-jdbc")) {
                assertTrue(bundles.lines().anyMatch(line -> line.contains(name) && line.contains("Active")),
                        name + " active in:" + System.lineSeparator() + bundles);
            }
            Files.writeString(karaf.etc().resolve("io.stowage.sql-orders.cfg"), String.join(System.lineSeparator(),
                    "jdbcUrl = " + server.jdbcUrl(), "user = " + PostgresServer.USER, "schema = shop", ""));
            Files.writeString(karaf.etc().resolve("io.stowage.store-orders.cfg"), String.join(System.lineSeparator(),
                    "namespace = *", "store = orders", "backend = orders", ""));
            karaf.awaitAdmin(out -> out.contains("*/orders -> orders"), "stowage:routes");
            karaf.await(result -> result.status() == 0, "stowage:put demo/orders order:1 placed");
            assertEquals("placed", karaf.admin("stowage:get demo/orders order:1").strip());
            // The row is the server's: psql finds the key among the kernel's own entries of the namespace
            assertEquals("1", server.sql("SELECT count(*) FROM shop.stowage_entries "
                    + "WHERE position(convert_to('order:1', 'UTF8') in k) > 0"));
        }
    }
}
