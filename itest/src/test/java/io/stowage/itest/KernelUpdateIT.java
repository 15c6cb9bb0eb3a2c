package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.osgi.framework.Bundle;

import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;

/**
 * Updating the kernel bundle: handles held by applications are closed (they belong to the storage service that went
 * away), a new storage service comes, and through it both the LMDB data and the memory backend's contents are there,
 * since the kernel keeps volatile contents in its bundle data area across its own restart.
 */
public class KernelUpdateIT extends FrameworkProbe {

    @Test
    public void handlesCloseAndTheDataOfBothBackendsOutlivesAKernelUpdate() throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.memoryBackend(configurations, "volatile");
        StowageFramework.route(context, configurations, "cache", "volatile");
        StorageService before = storage();
        Store durable = before.store("durable");
        Store cache = before.store("cache");
        StowageFramework.awaitWritable(durable, "kept", "on disk", log);
        StowageFramework.awaitWritable(cache, "kept", "in memory", log);
        for (int i = 0; i < 1_000; i++) {
            cache.put("k" + i, ("v" + i).getBytes(UTF_8));
        }

        Bundle kernel = StowageFramework.installed(context, "io.stowage.kernel");
        long revisionBefore = kernel.getLastModified();
        kernel.update();
        assertNotEquals(revisionBefore, kernel.getLastModified());

        assertThrows(StoreClosedException.class, () -> cache.get("kept"));
        StowageFramework.await("a new storage service", 10_000,
                () -> registeredStorage() != null && registeredStorage() != before);
        StorageService after = storage();
        Store durableAgain = after.store("durable");
        Store cacheAgain = after.store("cache");
        StowageFramework.awaitWritable(durableAgain, "after", "update", log);
        StowageFramework.awaitWritable(cacheAgain, "after", "update", log);
        assertEquals("on disk", new String(durableAgain.get("kept"), UTF_8));
        byte[] kept = cacheAgain.get("kept");
        assertEquals("memory contents after the update; log: " + FrameworkLog.messages(log), "in memory",
                kept == null ? null : new String(kept, UTF_8));
        assertEquals(1_002, cacheAgain.count());
        assertEquals("v999", new String(cacheAgain.get("k999"), UTF_8));
    }
}
