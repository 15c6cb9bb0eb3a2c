package io.stowage.storage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.storage.redis.RedisSettings.Client;
import io.stowage.storage.redis.RedisSettings.Verify;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.storage.redis.testing.TestCertificates;

/** A redis-server that speaks TLS only, with a certificate of a throwaway CA; each test runs on each client. */
class RedisTlsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1_500);

    @TempDir
    static Path folder;
    private static TestCertificates certificates;
    private static RedisServer server;

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        certificates = TestCertificates.create(folder.resolve("pki"));
        server = RedisServer.start(folder.resolve("redis"), certificates.serverOptions().toArray(String[]::new));
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private static RedisSettings.Builder settings(Client client) {
        return RedisSettings.builder("tls").endpoint(server.host(), server.port()).timeouts(TIMEOUT, TIMEOUT)
                .client(client);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void theStoreWorksOverTlsWithTheHostNameVerified(Client client) {
        RedisBackend backend = new RedisBackend(settings(client).tls(certificates.caCertificate(), Verify.FULL)
                .build(), new TestLogger().logger());
        try {
            byte[] key = "ns\0s\0k".getBytes(UTF_8);
            backend.put(key, "secret value".getBytes(UTF_8), 0);
            assertArrayEquals("secret value".getBytes(UTF_8), backend.get(key));
        } finally {
            backend.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aPlainConnectionIsRefused(Client client) {
        assertUnreachable(settings(client).build());
        assertThrows(IOException.class, () -> server.command("PING"));
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aServerCertificateFromAnUnknownAuthorityIsRefused(Client client) {
        assertUnreachable(settings(client).tls(null, Verify.FULL).build());
    }

    private static void assertUnreachable(RedisSettings settings) {
        RedisBackend backend = new RedisBackend(settings, new TestLogger().logger());
        try {
            StorageException refused = assertThrows(StorageException.class,
                    () -> backend.get("ns\0s\0k".getBytes(UTF_8)));
            assertTrue(refused instanceof BackendUnavailableException, refused.toString());
        } finally {
            backend.close();
        }
    }
}
