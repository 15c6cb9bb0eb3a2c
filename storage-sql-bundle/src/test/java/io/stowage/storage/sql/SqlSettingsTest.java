package io.stowage.storage.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A configuration becomes settings, or a message naming the configuration and the attribute that is wrong. */
class SqlSettingsTest {

    private static final String DATA = "/srv/stowage/data";

    /** The annotation's defaults, with these attributes and the name orders. */
    private static SqlBackendConfig config(Map<String, Object> attributes) {
        return (SqlBackendConfig) Proxy.newProxyInstance(SqlBackendConfig.class.getClassLoader(),
                new Class<?>[] {SqlBackendConfig.class}, (proxy, method, args) -> method.getName().equals("name")
                        ? "orders" : attributes.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    private static String refusal(Map<String, Object> attributes, String dataFolder) {
        return assertThrows(IllegalArgumentException.class, () -> SqlSettings.of(config(attributes), dataFolder))
                .getMessage();
    }

    @Test
    void withoutAPathEachConfigurationGetsAFileNamedAfterItInTheDataFolder() {
        SqlSettings settings = SqlSettings.of(config(Map.of()), DATA);
        assertEquals(Path.of(DATA, "sqlite/orders.db"), settings.file());
        assertEquals("stowage_entries", settings.table());
        assertEquals(SyncMode.DURABLE, settings.syncMode());
    }

    @Test
    void relativePathsAreResolvedAgainstTheDataFolderAndAbsoluteOnesKept() {
        assertEquals(Path.of(DATA, "shop/orders.sqlite"),
                SqlSettings.of(config(Map.of("path", " shop/orders.sqlite ")), DATA).file());
        assertEquals(Path.of("/var/db/x.db"), SqlSettings.of(config(Map.of("path", "/var/db/x.db")), DATA).file());
        assertEquals(Path.of("/var/db/y.db"),
                SqlSettings.of(config(Map.of("jdbcUrl", "jdbc:sqlite:/var/db/y.db")), null).file());
        assertEquals(Path.of(DATA, "y.db"), SqlSettings.of(config(Map.of("jdbcUrl", "jdbc:sqlite:y.db",
                "dialect", "SQLite")), DATA).file());
    }

    @Test
    void aRelativePathWithoutADataFolderIsRefusedNamingBothProperties() {
        String message = refusal(Map.of(), null);
        assertTrue(message.contains("'orders'") && message.contains("stowage.data") && message.contains("karaf.data"),
                message);
    }

    @Test
    void badAttributesAreRefusedByName() {
        assertTrue(refusal(Map.of("dialect", "oracle"), DATA).contains("dialect 'oracle'"));
        assertTrue(refusal(Map.of("jdbcUrl", "jdbc:h2:mem:x"), DATA).contains("dialect 'jdbc:h2:mem:x'"));
        assertTrue(refusal(Map.of("dialect", "sqlite", "jdbcUrl", "jdbc:h2:mem:x"), DATA)
                .contains("is not a SQLite URL"));
        assertTrue(refusal(Map.of("jdbcUrl", "jdbc:sqlite:a.db", "path", "b.db"), DATA).contains("both jdbcUrl and path"));
        assertTrue(refusal(Map.of("jdbcUrl", "jdbc:sqlite::memory:"), DATA).contains("plain database file"));
        assertTrue(refusal(Map.of("jdbcUrl", "jdbc:sqlite:a.db?journal_mode=DELETE"), DATA)
                .contains("without options"));
        assertTrue(refusal(Map.of("table", " "), DATA).contains("table '' is empty"));
        assertTrue(refusal(Map.of("syncMode", "sometimes"), DATA).contains("syncMode 'sometimes'"));
        assertTrue(refusal(Map.of("readers", 0), DATA).contains("readers"));
        assertTrue(refusal(Map.of("busyTimeoutMillis", -1), DATA).contains("busyTimeoutMillis"));
    }

    @Test
    void aPostgresqlUrlChoosesPostgresqlWithItsSchemaAndTableAsWritten() {
        SqlSettings settings = SqlSettings.of(config(Map.of("jdbcUrl", " jdbc:postgresql://db:5433/app ",
                "user", "app", "password", "s3cret", "schema", "Shop", "table", "Orders")), null);
        assertEquals(new PostgresTarget("jdbc:postgresql://db:5433/app", "app", "s3cret", "Shop"), settings.postgres());
        assertEquals("Orders", settings.table());
        assertEquals(null, settings.file());
        assertEquals("public", SqlSettings.of(config(Map.of("dialect", "PostgreSQL",
                "jdbcUrl", "jdbc:postgresql://db/app")), null).postgres().schema());
    }

    @Test
    void postgresqlAttributesAreCheckedAndThePasswordIsNeverShown() {
        assertTrue(refusal(Map.of("dialect", "postgresql"), DATA).contains("needs a jdbcUrl jdbc:postgresql:"));
        assertTrue(refusal(Map.of("jdbcUrl", "jdbc:postgresql://db/app", "path", "x.db"), DATA)
                .contains("path names a SQLite file"));
        assertTrue(refusal(Map.of("jdbcUrl", "jdbc:postgresql://db/app", "schema", "pg_stowage"), DATA)
                .contains("schema 'pg_stowage' begins with pg_, which PostgreSQL reserves"));
        SqlSettings settings = SqlSettings.of(config(Map.of("jdbcUrl", "jdbc:postgresql://db/app?password=inurl",
                "password", "s3cret")), null);
        assertEquals("jdbc:postgresql://db/app (schema public)", settings.postgres().location());
        assertTrue(!settings.toString().contains("s3cret") && !settings.toString().contains("inurl"),
                settings.toString());
    }

    @Test
    void syncModesMapToPostgresqlsSynchronousCommit() {
        assertEquals("on", PostgresDialect.synchronousCommit(SyncMode.DURABLE));
        assertEquals("local", PostgresDialect.synchronousCommit(SyncMode.NORMAL));
        assertEquals("off", PostgresDialect.synchronousCommit(SyncMode.NO_SYNC));
    }

    /** Keywords, mixed case, spaces and quotes are quoted in SQL; only what no quoting can make a name is refused. */
    @Test
    void tableNamesAreTakenAsWrittenAndRefusedOnlyForWhatQuotingCannotFix() {
        for (String table : new String[] {"order", "select", "user", "Orders", "my table", "a\"b", "x; DROP TABLE y",
            "bücher", "x".repeat(63)}) {
            assertEquals(table, SqlSettings.of(config(Map.of("table", table)), DATA).table());
            assertEquals(table, SqlSettings.of(config(Map.of("jdbcUrl", "jdbc:postgresql://db/app", "table", table)),
                    DATA).table());
        }
        assertTrue(refusal(Map.of("table", "x".repeat(64)), DATA)
                .contains("is 64 bytes long in UTF-8, more than the 63"));
        assertTrue(refusal(Map.of("table", "ü".repeat(32)), DATA).contains("is 64 bytes long"));
        assertTrue(refusal(Map.of("table", "a\nb"), DATA).contains("contains the control character U+000A"));
        assertTrue(refusal(Map.of("table", "Stowage_Format"), DATA).contains("layout version"));
        assertTrue(refusal(Map.of("table", "SQLite_entries"), DATA).contains("begins with sqlite_"));
        // PostgreSQL has no sqlite_ tables of its own to clash with
        assertEquals("sqlite_entries", SqlSettings.of(config(Map.of("jdbcUrl", "jdbc:postgresql://db/app",
                "table", "sqlite_entries")), DATA).table());
    }

    @Test
    void aPostgresqlServerCancelsASlowStatementBeforeTheClientGivesTheConnectionUp() {
        SqlSettings settings = SqlSettings.of(config(Map.of("jdbcUrl", "jdbc:postgresql://db/app",
                "busyTimeoutMillis", 1_500)), DATA);
        assertEquals(2, PostgresDialect.connectTimeoutSeconds(settings));
        assertEquals(3_000, PostgresDialect.statementTimeoutMillis(settings));
        assertEquals(4, PostgresDialect.socketTimeoutSeconds(settings));
        assertEquals(4_000, settings.connectionWaitMillis());
    }

    @Test
    void syncModesMapToSqlitesSynchronousPragma() {
        assertEquals("FULL", SyncMode.parse("durable").pragma());
        assertEquals("NORMAL", SyncMode.parse(" NORMAL ").pragma());
        assertEquals("OFF", SyncMode.parse("no_sync").pragma());
    }
}
