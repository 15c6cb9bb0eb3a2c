package io.stowage.transform.aesgcm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import javax.crypto.SecretKey;

/**
 * The AES-256 secret keys of a PKCS12 keystore, by alias, read once. Its password comes from a file or an
 * environment variable, is used to open the keystore and then wiped; it never reaches a message or a log.
 */
final class Keyring {

    static final int KEY_BYTES = 32;

    private volatile Map<String, SecretKey> keys;

    private Keyring(Map<String, SecretKey> keys) {
        this.keys = keys;
    }

    static Keyring load(AesGcmTransformConfig config, Function<String, String> environment) {
        char[] password = password(config, environment);
        try {
            return load(Path.of(config.keystore()), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    static Keyring load(Path keystore, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            // The JDK's messages name no password; a wrong one reads "keystore password was incorrect"
            throw new IllegalStateException("aes-gcm cannot open the PKCS12 keystore " + keystore.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        Map<String, SecretKey> keys = new TreeMap<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                if (key instanceof SecretKey secret && secret.getAlgorithm().equalsIgnoreCase("AES")
                        && secret.getEncoded() != null && secret.getEncoded().length == KEY_BYTES) {
                    keys.put(alias, secret);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("aes-gcm cannot read the keys of " + keystore.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        return new Keyring(keys);
    }

    private static char[] password(AesGcmTransformConfig config, Function<String, String> environment) {
        boolean file = !config.passwordFile().isBlank();
        boolean env = !config.passwordEnv().isBlank();
        if (file == env) {
            throw new IllegalArgumentException("aes-gcm needs exactly one of passwordFile and passwordEnv to say where "
                    + "the keystore's password is" + (file ? ", not both" : ""));
        }
        if (file) {
            Path path = Path.of(config.passwordFile());
            try {
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new IllegalArgumentException("aes-gcm password file " + path.toAbsolutePath() + " is empty");
                }
                return lines.get(0).toCharArray();
            } catch (IOException e) {
                throw new IllegalStateException("aes-gcm cannot read the password file " + path.toAbsolutePath()
                        + ": " + e, e);
            }
        }
        String value = environment.apply(config.passwordEnv());
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("aes-gcm password environment variable " + config.passwordEnv()
                    + " is not set");
        }
        return value.toCharArray();
    }

    /** The key with this alias, or {@code null} if there is none (or the keyring was released). */
    SecretKey key(String alias) {
        return keys.get(alias);
    }

    /** The aliases of the AES-256 keys, for messages: never the keys themselves. */
    Set<String> aliases() {
        return keys.keySet();
    }

    /** Drops every key, so nothing of this keyring stays reachable from the component. */
    void release() {
        keys = Map.of();
    }
}
