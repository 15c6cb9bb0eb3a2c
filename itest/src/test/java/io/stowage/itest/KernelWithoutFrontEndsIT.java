package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.util.Arrays;

import org.junit.Test;
import org.osgi.framework.Bundle;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.Store;

/**
 * The kernel needs none of its front ends: without the shell and management bundles, Gogo and the health-check
 * API, it resolves, serves stores, and offers the operator API for whatever tool comes.
 */
public class KernelWithoutFrontEndsIT extends FrameworkProbe {

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().without("shell-bundle", "management-bundle",
                "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command", "org.apache.felix.healthcheck.api");
    }

    @Test
    public void theKernelServesStoresWithoutShellManagementGogoOrHealthChecks() throws Exception {
        // By name: the probe cannot load these classes in this framework
        assertNull("no Gogo here", context.getServiceReference("org.apache.felix.service.command.CommandProcessor"));
        assertNull("no health checks here", context.getServiceReference("org.apache.felix.hc.api.HealthCheck"));
        Bundle kernel = Arrays.stream(context.getBundles())
                .filter(bundle -> "io.stowage.kernel".equals(bundle.getSymbolicName())).findFirst().orElseThrow();
        String imports = kernel.getHeaders().get("Import-Package");
        assertFalse(imports, imports.contains("org.apache.felix.service.command"));
        assertFalse(imports, imports.contains("org.apache.felix.hc.api"));
        assertNull("the kernel exports nothing", kernel.getHeaders().get("Export-Package"));

        StowageFramework.defaultMemoryBackend(configurations);
        Store store = storage().store("plain");
        StowageFramework.awaitWritable(store, "k", "v", log);
        assertEquals("v", new String(store.get("k"), UTF_8));

        StowageAdmin admin = context.getService(context.getServiceReference(StowageAdmin.class));
        assertNotNull(admin);
        try (Store seen = admin.existingStore(new StoreId(context.getBundle().getSymbolicName(), "plain"))) {
            assertEquals("v", new String(seen.get("k"), UTF_8));
        }
    }
}
