package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * The plugin bundle in a framework without any servlet API (both imports are optional): with the OWASP encoder it
 * resolves and starts, its component is active, and it registers no plugin, since there is no console to show one.
 */
public class WebConsoleWithoutServletsIT extends FrameworkProbe {

    @Override
    protected StowageFramework framework() {
        // The encoder is what the plugin needs besides Stowage's APIs, servlet API or not
        return StowageFramework.standard().withBundles("encoder", "webconsole-bundle");
    }

    @Test
    public void theBundleStartsAndRegistersNothing() throws Exception {
        Bundle plugin = bundle("io.stowage.webconsole");
        assertEquals(Bundle.ACTIVE, plugin.getState());
        StowageFramework.await("the plugin's component to be active", 10_000, () -> scr
                .getComponentConfigurationDTOs(scr.getComponentDescriptionDTO(plugin,
                        "io.stowage.webconsole.StowageConsole")).stream()
                .anyMatch(component -> component.state == ComponentConfigurationDTO.ACTIVE));
        assertNull(plugin.getRegisteredServices());
    }
}
