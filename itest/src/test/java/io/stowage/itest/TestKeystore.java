package io.stowage.itest;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.crypto.KeyGenerator;

import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A PKCS12 keystore with AES-256 secret keys and its password file, as an operator makes them with
 * {@code keytool -genseckey}, and the configuration that points the aes-gcm transform at them.
 */
final class TestKeystore {

    private static final String PASSWORD = "itest keystore password";

    private TestKeystore() {
    }

    /** Writes the keystore (one fresh key per alias) and its password file into the folder, and configures aes-gcm. */
    static void configureAesGcm(ConfigurationAdmin configurations, Path folder, String... aliases) throws Exception {
        Path keystore = folder.resolve("keys.p12");
        Path passwordFile = folder.resolve("keystore.password");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(PASSWORD.toCharArray());
        for (String alias : aliases) {
            store.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), protection);
        }
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, PASSWORD.toCharArray());
        }
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("keystore", keystore.toString());
        properties.put("passwordFile", passwordFile.toString());
        configurations.getConfiguration("io.stowage.transform.aesgcm", "?").update(properties);
    }
}
