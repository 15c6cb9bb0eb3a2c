package io.stowage.transform.aesgcm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
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
import java.util.function.Supplier;

import javax.crypto.SecretKey;

/**
 * The AES-256 secret keys of a PKCS12 keystore, by alias. Its password comes from a file or an environment variable,
 * is used to open the keystore and then wiped; it never reaches a message or a log. The keystore is read at start
 * and read again when a key is asked for that it does not hold and the file changed since: that is how a key added
 * for a rotation ({@code keytool -genseckey}) is found without restarting the transform.
 */
final class Keyring {

    static final int KEY_BYTES = 32;

    private final Path keystore;
    /** Gives the password afresh for each read of the keystore; the caller wipes it. */
    private final Supplier<char[]> password;
    private volatile Map<String, SecretKey> keys;
    /** The keystore file as last read, to tell whether reading it again can find anything new. */
    private FileStamp read;
    private volatile boolean released;

    private Keyring(Path keystore, Supplier<char[]> password) {
        this.keystore = keystore;
        this.password = password;
        this.read = FileStamp.of(keystore);
        this.keys = read(keystore, password);
    }

    static Keyring load(AesGcmTransformConfig config, Function<String, String> environment) {
        return new Keyring(Path.of(config.keystore()), () -> password(config, environment));
    }

    static Keyring load(Path keystore, char[] password) {
        char[] kept = password.clone();
        return new Keyring(keystore, kept::clone);
    }

    private static Map<String, SecretKey> read(Path keystore, Supplier<char[]> source) {
        char[] password = source.get();
        try {
            return read(keystore, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Map<String, SecretKey> read(Path keystore, char[] password) {
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
        return Collections.unmodifiableMap(keys);
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

    /**
     * The key with this alias, or {@code null} if there is none (or the keyring was released). A miss reads the
     * keystore again if the file changed since it was read; keys read before stay if the new read fails (a keystore
     * half written by keytool), and the next miss tries again.
     */
    SecretKey key(String alias) {
        SecretKey key = keys.get(alias);
        return key != null || released ? key : reread(alias);
    }

    private synchronized SecretKey reread(String alias) {
        FileStamp now = FileStamp.of(keystore);
        if (!released && !now.equals(read)) {
            try {
                Map<String, SecretKey> fresh = read(keystore, password);
                if (!released) {
                    keys = fresh;
                    read = now;
                }
            } catch (RuntimeException unreadable) {
                // Keep serving the keys already read; the miss reports the alias as missing
            }
        }
        return keys.get(alias);
    }

    /** The aliases of the AES-256 keys, for messages: never the keys themselves. */
    Set<String> aliases() {
        return keys.keySet();
    }

    /** Drops every key, so nothing of this keyring stays reachable from the component, and reads no more. */
    synchronized void release() {
        released = true;
        keys = Map.of();
    }

    /** A file's size and modification time: what changes when keytool writes it. */
    private record FileStamp(long size, FileTime modified) {

        static FileStamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(attributes.size(), attributes.lastModifiedTime());
            } catch (IOException e) {
                return new FileStamp(-1, FileTime.fromMillis(0));
            }
        }
    }
}
