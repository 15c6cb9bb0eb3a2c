package io.stowage.transform.aesgcm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import java.io.OutputStream;
import java.security.KeyStore;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.api.TransformUnavailableException;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.testkit.transform.ValueTransformContract;
import io.stowage.testlog.Loggers;

/** The value-transform contract on AES-256-GCM with the key 'main', and keys, rotation, identities and passwords. */
class AesGcmTransformTest extends ValueTransformContract<AesGcmTransform> {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path folder;
    private static Path keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = folder.resolve("keys.p12");
        writeKeystore(keystore, Map.of("main", aesKey(256), "old", aesKey(256), "short", aesKey(128)));
    }

    static SecretKey aesKey(int bits) throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(bits);
        return generator.generateKey();
    }

    static void writeKeystore(Path file, Map<String, SecretKey> keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(PASSWORD.toCharArray());
        for (Map.Entry<String, SecretKey> key : keys.entrySet()) {
            store.setEntry(key.getKey(), new KeyStore.SecretKeyEntry(key.getValue()), protection);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    static AesGcmTransformConfig config(Path keystore, String passwordFile, String passwordEnv) {
        return new AesGcmTransformConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AesGcmTransformConfig.class;
            }

            @Override
            public String keystore() {
                return keystore.toString();
            }

            @Override
            public String passwordFile() {
                return passwordFile;
            }

            @Override
            public String passwordEnv() {
                return passwordEnv;
            }
        };
    }

    @Override
    protected AesGcmTransform open() {
        return new AesGcmTransform(Keyring.load(keystore, PASSWORD.toCharArray()), Loggers.silent());
    }

    @Override
    protected void close(AesGcmTransform transform) {
        transform.close();
    }

    @Override
    protected Map<String, String> parameters() {
        return Map.of("key", "main");
    }


    @Override
    protected boolean bindsIdentity() {
        return true;
    }

    @Test
    void onlyAes256KeysAreTaken() {
        assertEquals(Set.of("main", "old"), transform.keyIds());
    }

    @Test
    void everyValueGetsAFreshNonce() {
        byte[] value = records(100, 1);
        Transformed first = transform.bind(parameters()).apply(value, IDENTITY);
        Transformed second = transform.bind(parameters()).apply(value, IDENTITY);
        assertFalse(Arrays.equals(Arrays.copyOf(first.data(), 12), Arrays.copyOf(second.data(), 12)));
        assertNotEquals(Arrays.toString(first.data()), Arrays.toString(second.data()));
    }

    @Test
    void theAssociatedDataIsEachPartsUtf8WithItsLengthFirstAsValuesWrittenBeforeHaveIt() {
        for (ValueIdentity identity : new ValueIdentity[] {IDENTITY, new ValueIdentity("a", "b", "c"),
                new ValueIdentity("com.example.app", "Zähler", "k€y-😀"), new ValueIdentity("n", "s", "x".repeat(300))}) {
            byte[] namespace = identity.namespace().getBytes(StandardCharsets.UTF_8);
            byte[] store = identity.store().getBytes(StandardCharsets.UTF_8);
            byte[] key = identity.key().getBytes(StandardCharsets.UTF_8);
            byte[] expected = ByteBuffer.allocate(12 + namespace.length + store.length + key.length)
                    .putInt(namespace.length).put(namespace).putInt(store.length).put(store).putInt(key.length)
                    .put(key).array();
            assertArrayEquals(expected, AssociatedData.computed(identity), identity.toString());
        }
    }

    @Test
    void theAssociatedDataOfAValueIsTheSameWhenItsStorePartIsReused() {
        AssociatedData reused = new AssociatedData();
        ValueIdentity[] identities = {IDENTITY, new ValueIdentity(IDENTITY.namespace(), IDENTITY.store(), "other"),
                new ValueIdentity(IDENTITY.namespace(), IDENTITY.store(), "k€y-😀"),
                new ValueIdentity(IDENTITY.namespace(), "Zähler", "other"), new ValueIdentity("a", "Zähler", "other"),
                new ValueIdentity("a", "b", "c"), new ValueIdentity("ab", "", "c"), new ValueIdentity("a", "bc", "")};
        for (int round = 0; round < 2; round++) {
            for (ValueIdentity identity : identities) {
                assertArrayEquals(AssociatedData.computed(identity), reused.of(identity), identity.toString());
            }
        }
    }

    @Test
    void aHeaderReadBeforeIsCheckedAgainWhenOneByteOfItDiffers() {
        Transformed out = transformed();
        assertArrayEquals(records(10_000, 5), transform.decode(1, out.header(), out.data(), IDENTITY));
        byte[] altered = out.header().clone();
        altered[0] ^= 1;
        assertCorrupt(() -> transform.decode(1, altered, out.data(), IDENTITY), IDENTITY);
        assertArrayEquals(records(10_000, 5), transform.decode(1, out.header(), out.data(), IDENTITY));
    }

    @Test
    void aValueUnderAnotherStoreOrNamespaceFailsAuthentication() {
        Transformed out = transformed();
        for (ValueIdentity other : new ValueIdentity[] {
                new ValueIdentity(IDENTITY.namespace(), "other-store", IDENTITY.key()),
                new ValueIdentity("other.ns", IDENTITY.store(), IDENTITY.key()),
                // The same characters split differently: the associated data keeps the parts apart
                new ValueIdentity(IDENTITY.namespace() + "c", "ontract-store", IDENTITY.key())}) {
            assertCorrupt(() -> transform.decode(1, out.header(), out.data(), other), other);
        }
    }

    @Test
    void oldValuesReadAfterTheKeyForNewOnesChanges() {
        byte[] value = records(1000, 2);
        Transformed old = transform.bind(Map.of("key", "old")).apply(value, IDENTITY);
        Transformed current = transform.bind(Map.of("key", "main")).apply(value, IDENTITY);
        assertArrayEquals(value, transform.decode(1, old.header(), old.data(), IDENTITY));
        assertArrayEquals(value, transform.decode(1, current.header(), current.data(), IDENTITY));
        assertFalse(Arrays.equals(old.header(), current.header()), "the header names the key id");
    }

    @Test
    void aMissingKeyIsUnavailableNamingStoreKeyAndKeyId() throws Exception {
        Transformed old = transform.bind(Map.of("key", "old")).apply(records(1000, 3), IDENTITY);
        Path rotated = folder.resolve("rotated.p12");
        writeKeystore(rotated, Map.of("main", aesKey(256)));
        AesGcmTransform withoutOld = new AesGcmTransform(Keyring.load(rotated, PASSWORD.toCharArray()),
                Loggers.silent());
        TransformUnavailableException e = assertThrows(TransformUnavailableException.class,
                () -> withoutOld.decode(1, old.header(), old.data(), IDENTITY));
        assertEquals("contract.ns/contract-store key 'key:1': aes-gcm key id 'old' is not in the keystore",
                e.getMessage());
    }

    @Test
    void aKeyAddedToTheKeystoreForARotationIsFoundWithoutARestart() throws Exception {
        Path rotating = folder.resolve("rotating.p12");
        SecretKey main = aesKey(256);
        writeKeystore(rotating, Map.of("main", main));
        AesGcmTransform running = new AesGcmTransform(Keyring.load(rotating, PASSWORD.toCharArray()), Loggers.silent());
        Transformed before = running.bind(Map.of("key", "main")).apply(records(500, 4), IDENTITY);
        assertThrows(IllegalArgumentException.class, () -> running.bind(Map.of("key", "next")));

        writeKeystore(rotating, Map.of("main", main, "next", aesKey(256)));
        Transformed after = running.bind(Map.of("key", "next")).apply(records(500, 5), IDENTITY);
        assertEquals(Set.of("main", "next"), running.keyIds());
        assertArrayEquals(records(500, 4), running.decode(1, before.header(), before.data(), IDENTITY));
        assertArrayEquals(records(500, 5), running.decode(1, after.header(), after.data(), IDENTITY));

        // A keystore that cannot be read (half written, or the wrong password now) keeps the keys already read
        Files.writeString(rotating, "not a keystore");
        assertThrows(IllegalArgumentException.class, () -> running.bind(Map.of("key", "third")));
        assertArrayEquals(records(500, 5), running.decode(1, after.header(), after.data(), IDENTITY));
        running.close();
        assertTrue(running.keyIds().isEmpty());
    }

    @Test
    void theKeyParameterIsRequiredAndMustNameAnAes256Key() {
        assertEquals("aes-gcm needs the parameter key, the alias of the keystore's key to encrypt new values with, "
                + "e.g. aes-gcm(key=main)", assertThrows(IllegalArgumentException.class,
                        () -> transform.bind(Map.of())).getMessage());
        assertEquals("aes-gcm parameter 'key' names 'short', which is no AES-256 key of the keystore (it has "
                + "[main, old])", assertThrows(IllegalArgumentException.class,
                        () -> transform.bind(Map.of("key", "short"))).getMessage());
    }

    @Test
    void closingReleasesTheKeys() {
        Transformed out = transformed();
        var step = transform.bind(parameters());
        assertTrue(transform.idleCiphers() > 0, "a cipher kept for the next value");
        transform.close();
        assertTrue(transform.keyIds().isEmpty());
        assertEquals(0, transform.idleCiphers(), "no cipher, with its key schedule, outlives the component");
        assertThrows(TransformUnavailableException.class, () -> transform.decode(1, out.header(), out.data(), IDENTITY));
        TransformUnavailableException write = assertThrows(TransformUnavailableException.class,
                () -> step.apply(records(100, 1), IDENTITY));
        assertTrue(write.getMessage().contains("'main'") && write.getMessage().contains("stopped"), write.getMessage());
    }

    @Test
    void thePasswordComesFromAFileOrTheEnvironmentAndNeverShowsInAMessage() throws Exception {
        Path file = folder.resolve("keystore.password");
        Files.writeString(file, PASSWORD + "\n", StandardCharsets.UTF_8);
        assertEquals(Set.of("main", "old"), Keyring.load(config(keystore, file.toString(), ""), name -> null).aliases());
        assertEquals(Set.of("main", "old"), Keyring.load(config(keystore, "", "STOWAGE_KEYS"),
                name -> name.equals("STOWAGE_KEYS") ? PASSWORD : null).aliases());

        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> Keyring.load(config(keystore, "", "K"), name -> "not the password"));
        assertTrue(wrong.getMessage().startsWith("aes-gcm cannot open the PKCS12 keystore " + keystore), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not the password"), wrong.getMessage());

        assertEquals("aes-gcm needs exactly one of passwordFile and passwordEnv to say where the keystore's password "
                + "is", assertThrows(IllegalArgumentException.class,
                        () -> Keyring.load(config(keystore, "", ""), name -> null)).getMessage());
        assertEquals("aes-gcm needs exactly one of passwordFile and passwordEnv to say where the keystore's password "
                + "is, not both", assertThrows(IllegalArgumentException.class,
                        () -> Keyring.load(config(keystore, file.toString(), "K"), name -> null)).getMessage());
        assertEquals("aes-gcm password environment variable UNSET is not set", assertThrows(
                IllegalArgumentException.class, () -> Keyring.load(config(keystore, "", "UNSET"), name -> null))
                .getMessage());
    }
}
