package io.stowage.itest;

import java.io.IOException;

import org.osgi.service.cm.ConfigurationAdmin;

/** The backend contract suite against the LMDB extension, through the kernel, in a real Felix, on real files. */
public class LmdbContractIT extends FrameworkContract {

    @Override
    protected void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException {
        StowageFramework.lmdbBackend(configurations, "default");
    }
}
