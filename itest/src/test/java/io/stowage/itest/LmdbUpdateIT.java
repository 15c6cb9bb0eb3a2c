package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Bundle;

import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * Updating the LMDB extension bundle 20 times in one framework works every time, keeps the data, and extracts no
 * new copy of the native library: lmdbjava lives in its own stable bundle, which an update does not refresh.
 */
public class LmdbUpdateIT extends FrameworkProbe {

    private static final int UPDATES = 20;

    @Test
    public void twentyUpdatesInARowKeepServingTheSameDataWithOneNativeLibrary() throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        Store store = storage().store("updates");
        StowageFramework.awaitWritable(store, "k0", "initial", log);
        int nativeCopies = nativeLibraries().length;
        assertTrue("lmdbjava extracted its native library", nativeCopies >= 1);

        Bundle lmdb = StowageFramework.installed(context, "io.stowage.storage.lmdb");
        for (int update = 1; update <= UPDATES; update++) {
            // Felix refreshes an updated bundle that nothing imports from by itself; an explicit refresh right
            // after restarts it a second time while the kernel may be starting an instance (see issue 4)
            lmdb.update();
            StowageFramework.awaitWritable(store, "k" + update, "value " + update, log);
            for (int earlier = 0; earlier <= update; earlier++) {
                String expected = earlier == 0 ? "initial" : "value " + earlier;
                assertEquals("after update " + update, expected, new String(store.get("k" + earlier), UTF_8));
            }
        }
        assertEquals("native library copies after " + UPDATES + " updates", nativeCopies, nativeLibraries().length);
        // SCR itself may log an instantiation error when a bundle stops while the kernel makes an instance of it;
        // the kernel, which retries, must have seen nothing worth an error
        assertEquals(List.of(), FrameworkLog.errors(log).stream()
                .filter(entry -> entry.startsWith("io.stowage.kernel")).toList());
    }

    private static File[] nativeLibraries() {
        File folder = new File(System.getProperty("lmdbjava.extract.dir"));
        File[] files = folder.listFiles((dir, name) -> name.startsWith("lmdbjava-native-library"));
        return files == null ? new File[0] : files;
    }
}
