package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

import io.stowage.api.Store;

/** Gogo is optional: in a framework without it, the kernel resolves and serves stores. */
public class KernelWithoutGogoIT extends FrameworkProbe {

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().without("org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command");
    }

    @Test
    public void theKernelServesStoresWithoutGogo() throws Exception {
        // By name: the probe cannot load Gogo's classes in this framework
        assertNull("no Gogo here", context.getServiceReference("org.apache.felix.service.command.CommandProcessor"));
        StowageFramework.defaultMemoryBackend(configurations);
        Store store = storage().store("plain");
        StowageFramework.awaitWritable(store, "k", "v", log);
        assertEquals("v", new String(store.get("k"), UTF_8));
    }
}
