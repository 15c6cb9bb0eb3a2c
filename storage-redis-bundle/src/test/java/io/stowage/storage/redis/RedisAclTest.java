package io.stowage.storage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.storage.redis.RedisSettings.Client;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * Redis ACL users: one confined to the configured key prefix with the commands of the operating guide works; one
 * with rights on other keys only gets an error that says what is missing; wrong credentials are named as such.
 * No message holds a password. Each test runs on each client.
 */
class RedisAclTest {

    /** The rights the operating guide lists for a Stowage user. */
    static final List<String> RIGHTS = List.of("resetchannels", "-@all", "+@read", "+@write", "+@scripting",
            "+@connection");

    private static final String PASSWORD = "app-Pa55word";

    @TempDir
    static Path folder;
    private static RedisServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServer.start(folder.resolve("redis"));
        acl("app", "~stowage:*");
        acl("intruder", "~other:*");
    }

    private static void acl(String user, String keys) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("ACL", "SETUSER", user, "on", ">" + PASSWORD, keys));
        args.addAll(RIGHTS);
        assertEquals("+OK", server.command(args.toArray(String[]::new)));
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private static RedisBackend backend(Client client, String user, String password) {
        RedisSettings settings = RedisSettings.builder("acl").endpoint(server.host(), server.port())
                .credentials(user, password).client(client).build();
        return new RedisBackend(settings, new TestLogger().logger());
    }

    private static byte[] key(String key) {
        return ("ns\0s\0" + key).getBytes(UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aUserConfinedToThePrefixCanDoEverything(Client client) {
        RedisBackend backend = backend(client, "app", PASSWORD);
        try {
            backend.put(key("a"), "1".getBytes(UTF_8), System.currentTimeMillis() + 60_000);
            backend.write(List.of(io.stowage.spi.BackendMutation.put(key("b"), "2".getBytes(UTF_8), 0)));
            assertArrayEquals("1".getBytes(UTF_8), backend.get(key("a")));
            assertEquals(2, backend.scan(new byte[] {0}, null, 10).size());
            assertTrue(backend.replace(key("b"), "2".getBytes(UTF_8), null, 0));
            // With a deadline: the script may not run TIME (not among the rights) and leaves that check to the client
            assertTrue(backend.writeIf(List.of(io.stowage.spi.BackendCondition.value(key("a"), "1".getBytes(UTF_8)),
                    io.stowage.spi.BackendCondition.value(key("b"), null)),
                    List.of(io.stowage.spi.BackendMutation.delete(key("a"))), System.currentTimeMillis() + 60_000));
            assertNull(backend.get(key("a")));
        } finally {
            backend.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aUserWithoutRightsOnThePrefixGetsAClearError(Client client) {
        RedisBackend backend = backend(client, "intruder", PASSWORD);
        try {
            StorageException refused = assertThrows(StorageException.class,
                    () -> backend.put(key("a"), "1".getBytes(UTF_8), 0));
            assertFalse(refused instanceof BackendUnavailableException, refused.toString());
            assertTrue(refused.getMessage().contains("lack of rights"), refused.getMessage());
            assertTrue(refused.getMessage().contains("NOPERM"), refused.getMessage());
            assertTrue(refused.getMessage().contains("user 'intruder'"), refused.getMessage());
            assertTrue(refused.getMessage().contains("~stowage:*"), refused.getMessage());
            assertFalse(refused.getMessage().contains(PASSWORD));
        } finally {
            backend.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void wrongCredentialsAreNamedAndTheirPasswordIsNot(Client client) {
        StorageException refused = assertThrows(StorageException.class,
                () -> backend(client, "app", "not-" + PASSWORD));
        assertTrue(refused.getMessage().contains("WRONGPASS"), refused.getMessage());
        assertTrue(refused.getMessage().contains("user 'app'"), refused.getMessage());
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), t.toString());
        }
    }
}
