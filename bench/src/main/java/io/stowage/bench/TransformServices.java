package io.stowage.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Map;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.osgi.service.log.Logger;

import io.stowage.kernel.EmbeddedKernel;
import io.stowage.spi.ValueTransform;
import io.stowage.testlog.Loggers;
import io.stowage.transform.aesgcm.AesGcmTransform;
import io.stowage.transform.lz4.Lz4Transform;
import io.stowage.transform.zstd.ZstdTransform;

/**
 * The zstd, lz4 and aes-gcm transforms as SCR activates them from their configurations (defaults, but for the
 * keystore), outside a framework; the AES-256 key {@code main} is made at random into a PKCS12 keystore in a temporary
 * folder, with its password in a file beside it, and deleted at {@link #close}. The configuration types are the
 * bundles' own and package-private, so this reaches them by reflection, as {@link KernelOnLmdb#configured} does.
 */
final class TransformServices implements AutoCloseable {

    static final String KEY_ALIAS = "main";
    private static final String VERSION = "1.0.0";

    final ValueTransform zstd;
    final ValueTransform lz4;
    final ValueTransform aesGcm;
    /** The key the aes-gcm transform encrypts with, for the raw Cipher side. */
    final SecretKey key;
    private final Path folder;

    TransformServices() throws IOException {
        folder = TrialFolder.create("keystore");
        try {
            key = aesKey();
            char[] password = randomPassword();
            Path keystore = folder.resolve("keys.p12");
            writeKeystore(keystore, password);
            Path passwordFile = folder.resolve("password");
            Files.writeString(passwordFile, new String(password) + "\n", StandardCharsets.UTF_8);
            zstd = activate(ZstdTransform.class, "io.stowage.transform.zstd.ZstdTransformConfig", Map.of());
            lz4 = activate(Lz4Transform.class, "io.stowage.transform.lz4.Lz4TransformConfig", Map.of());
            aesGcm = activate(AesGcmTransform.class, "io.stowage.transform.aesgcm.AesGcmTransformConfig",
                    Map.of("keystore", keystore.toString(), "passwordFile", passwordFile.toString()));
        } catch (GeneralSecurityException | RuntimeException e) {
            TrialFolder.delete(folder);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** Registers all three with the kernel, as their bundles' services would be. */
    EmbeddedKernel registerWith(EmbeddedKernel kernel) {
        kernel.addTransform(zstd, VERSION);
        kernel.addTransform(lz4, VERSION);
        kernel.addTransform(aesGcm, VERSION);
        return kernel;
    }

    private static SecretKey aesKey() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        return password;
    }

    private void writeKeystore(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(KEY_ALIAS, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    /**
     * The component made by its {@code @Activate} constructor, with a configuration whose attributes are
     * {@code values} or else their defaults.
     */
    private static ValueTransform activate(Class<? extends ValueTransform> component, String configTypeName,
            Map<String, String> values) {
        try {
            Class<?> configType = Class.forName(configTypeName);
            Object config = Proxy.newProxyInstance(configType.getClassLoader(), new Class<?>[] {configType},
                    (proxy, method, args) -> method.getName().equals("annotationType") ? configType
                            : values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue());
            return component.getConstructor(configType, Logger.class).newInstance(config, Loggers.silent());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(component.getSimpleName() + " did not activate", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(component.getSimpleName() + "'s configuration is not as the bench knows it",
                    e);
        }
    }

    @Override
    public void close() throws IOException {
        TrialFolder.delete(folder);
    }
}
