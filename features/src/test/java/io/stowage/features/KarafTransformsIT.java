package io.stowage.features;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The value-transform features in a real Karaf, as an operator uses them: install zstd, lz4 and aes-gcm beside a
 * running LMDB store (refreshing no Stowage bundle), turn compression and encryption on for a store with a
 * configuration file in etc/, rotate the key with keytool and {@code stowage:rewrite}, and take the encryption
 * feature away and back: reads fail naming it meanwhile, and nothing is lost; then the JSON index feature, whose
 * unique index, made with {@code stowage:index}, finds a key and refuses a duplicate. One Karaf for the class; the methods
 * run in order, each building on the state the previous ones left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafTransformsIT extends OneKarafPerClass {

    private static final String PASSWORD = "karaf keystore password";
    /** Long and repetitive, as records are: well over the default minimum size, and zstd shrinks it. */
    private static final String SECRET = "card number 4111-1111-1111-1111, ".repeat(8);

    private static Path keystore;

    @BeforeAll
    static void nameTheKeystore() {
        keystore = temp.resolve("keys.p12");
    }

    @Test
    @Order(1)
    void theTransformFeaturesInstallBesideRunningStoresAndRefreshNoStowageBundle() throws Exception {
        karaf.admin("feature:repo-add " + System.getProperty("stowage.features.url"));
        karaf.admin("feature:install stowage-lmdb");
        karaf.admin("stowage:put demo/secrets plain:1 written-before-the-route");
        int before = karaf.logLength();
        karaf.admin("feature:install stowage-zstd", "feature:install stowage-lz4", "feature:install stowage-aes-gcm");
        List<String> log = karaf.logSince(before).stream().map(FeaturesLog::message).toList();
        assertEquals(List.of(), FeaturesLog.refreshed(log).stream().filter(line -> line.strip().startsWith("io.stowage"))
                .toList(), "installing the transform features refreshed no Stowage bundle");
        String bundles = karaf.awaitAdmin(out -> out.contains("io.stowage.transform.aes.gcm"), "bundle:list -t 0 -s");
        for (String name : List.of("io.stowage.transform.zstd", "io.stowage.transform.lz4",
                "io.stowage.transform.aes.gcm", "com.github.luben.zstd-jni", "lz4-java")) {
            assertTrue(bundles.lines().anyMatch(line -> line.contains(name) && line.contains("Active")),
                    name + " active in:" + System.lineSeparator() + bundles);
        }
        assertTrue(karaf.admin("config:meta io.stowage.transform.aesgcm").contains("passwordFile"));
    }

    @Test
    @Order(2)
    void aStoreRoutedThroughZstdAndAesGcmKeepsItsValuesEncryptedOnDisk() throws Exception {
        keytool("-genseckey", "-alias", "main");
        Path passwordFile = temp.resolve("keystore.password");
        Files.writeString(passwordFile, PASSWORD + "\n", UTF_8);
        Files.writeString(karaf.etc().resolve("io.stowage.transform.aesgcm.cfg"),
                "keystore = " + keystore + "\npasswordFile = " + passwordFile + "\n", UTF_8);
        route("main");
        karaf.awaitAdmin(out -> out.contains("demo/secrets -> default through zstd(level=3), aes-gcm(key=main)"),
                "stowage:routes");

        karaf.await(result -> result.status() == 0, "stowage:put demo/secrets card:1 '" + SECRET + "'");
        assertEquals(SECRET.strip(), karaf.admin("stowage:get demo/secrets card:1").strip());
        byte[] file = Files.readAllBytes(karaf.home().resolve("data/stowage/lmdb/default/data.mdb"));
        assertFalse(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains("4111-1111"),
                "data.mdb holds the card number in the clear");
    }

    @Test
    @Order(3)
    void aKeyIsRotatedWithKeytoolARouteEditAndARewrite() throws Exception {
        keytool("-genseckey", "-alias", "next");
        route("next");
        karaf.awaitAdmin(out -> out.contains("aes-gcm(key=next)"), "stowage:routes");
        String rewrite = karaf.admin("stowage:rewrite demo/secrets");
        assertTrue(rewrite.contains("rewrote 2 of 2 value(s) of demo/secrets"), rewrite);
        // The old key can go once the rewrite is done: every value is under the new one now
        keytool("-delete", "-alias", "main");
        assertEquals(SECRET.strip(), karaf.admin("stowage:get demo/secrets card:1").strip());
    }

    @Test
    @Order(4)
    void withoutTheEncryptionFeatureReadsFailNamingItAndNothingIsLost() throws Exception {
        karaf.admin("config:property-set -p io.stowage.kernel operationTimeoutMillis 1000");
        karaf.admin("feature:uninstall stowage-aes-gcm");
        KarafInstance.Result read = karaf.client(KarafInstance.ADMIN, "stowage:get demo/secrets card:1");
        assertEquals(1, read.status(), read.output());
        assertTrue(read.output().contains("'aes-gcm'"), read.output());
        assertTrue(karaf.admin("stowage:keys demo/secrets '*'").contains("card:1"));

        karaf.admin("feature:install stowage-aes-gcm");
        assertEquals(SECRET.strip(), karaf.awaitAdmin(out -> out.contains("4111"),
                "stowage:get demo/secrets card:1").strip());
    }

    @Test
    @Order(5)
    void theJsonIndexFeatureIndexesAStoreAndRefusesADuplicate() throws Exception {
        karaf.admin("stowage:put demo/users u1 '{\"email\":\"ada@example.org\"}'",
                "stowage:put demo/users u2 '{\"email\":\"alan@example.org\"}'");
        int before = karaf.logLength();
        karaf.admin("feature:install stowage-index-json");
        List<String> log = karaf.logSince(before).stream().map(FeaturesLog::message).toList();
        assertEquals(List.of(), FeaturesLog.refreshed(log).stream().filter(line -> line.strip().startsWith("io.stowage"))
                .toList(), "installing the index feature refreshed no Stowage bundle");
        String created = karaf.await(result -> result.status() == 0,
                "stowage:index --unique --wait demo/users by-email 'json(pointer=/email)'").output();
        assertTrue(created.contains("is built: 2 entries from 2 keys"), created);
        assertTrue(karaf.admin("stowage:lookup demo/users by-email ada@example.org").contains("u1"));
        KarafInstance.Result duplicate = karaf.client(KarafInstance.ADMIN,
                "stowage:put demo/users u3 '{\"email\":\"ada@example.org\"}'");
        assertEquals(1, duplicate.status(), duplicate.output());
        assertTrue(duplicate.output().contains("unique index 'by-email'"), duplicate.output());
        assertTrue(Files.exists(karaf.etc().resolve("io.stowage.index-demo.users.by-email.cfg")),
                "the index is saved in etc/");
    }

    /** Routes demo/secrets through zstd, then aes-gcm with this key, as a file in etc/ (no minimum size). */
    private static void route(String key) throws IOException {
        Files.writeString(karaf.etc().resolve("io.stowage.store-secrets.cfg"), String.join("\n",
                "namespace = demo", "store = secrets", "backend = default",
                "transforms = zstd(level=3), aes-gcm(key=" + key + ")", "transformMinSize = 0", ""), UTF_8);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        if (arguments[0].equals("-genseckey")) {
            command.addAll(List.of("-keyalg", "AES", "-keysize", "256"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + System.lineSeparator() + output);
    }
}
