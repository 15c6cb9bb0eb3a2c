package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.api.Store;

/**
 * The Store contract suite in a real Felix with every value of every store through the shipped transforms,
 * {@code zstd(level=3), aes-gcm(key=main)} with no minimum size, on LMDB files: compare-and-set, batches,
 * transactions, TTL and scans see only the application's values, while the file holds none of them in the clear.
 */
public class TransformedContractIT extends FrameworkContract {

    private static final String CHAIN = "zstd(level=3), aes-gcm(key=main)";
    private static Path lmdbFolder;

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("zstd-jni", "transform-zstd-bundle",
                "transform-aes-gcm-bundle");
    }

    @Override
    protected void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException {
        Configuration backend = configurations.getFactoryConfiguration("io.stowage.lmdb", "default", "?");
        if (backend.getProperties() != null) {
            return;
        }
        try {
            lmdbFolder = Files.createTempDirectory("stowage-transformed-lmdb");
            TestKeystore.configureAesGcm(configurations, Files.createTempDirectory("stowage-keys"), "main");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("name", "default");
            properties.put("path", lmdbFolder.toString());
            properties.put("mapSizeMiB", 16L);
            backend.update(properties);
            Dictionary<String, Object> route = new Hashtable<>();
            route.put("namespace", "*");
            route.put("store", "*");
            route.put("backend", "default");
            route.put("transforms", CHAIN);
            route.put("transformMinSize", 0);
            configurations.getFactoryConfiguration("io.stowage.store", "everything-transformed", "?").update(route);
            StowageFramework.await("the transformed route", 10_000,
                    () -> StowageFramework.command(context, "stowage:routes").contains("*/* -> default"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the transformed backend: " + e, e);
        }
    }

    @Test
    public void theLmdbFileHoldsNoValueInTheClear() throws Exception {
        Store store = storage().store("clear-check");
        byte[] value = "a marker the file must never hold in the clear, long enough to find".getBytes(UTF_8);
        store.put("marked", value);
        assertArrayEquals(value, store.get("marked"));
        byte[] file = Files.readAllBytes(lmdbFolder.resolve("data.mdb"));
        assertTrue("the key is stored as it is", contains(file, "marked".getBytes(UTF_8)));
        assertFalse("data.mdb holds the value in the clear", contains(file, value));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
