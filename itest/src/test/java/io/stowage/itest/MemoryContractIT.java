package io.stowage.itest;

import java.io.IOException;

import org.osgi.service.cm.ConfigurationAdmin;

/** The backend contract suite against the memory extension, through the kernel, in a real Felix. */
public class MemoryContractIT extends FrameworkContract {

    @Override
    protected void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException {
        StowageFramework.defaultMemoryBackend(configurations);
    }
}
