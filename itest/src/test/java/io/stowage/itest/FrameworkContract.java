package io.stowage.itest;

import java.io.IOException;

import javax.inject.Inject;

import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.api.StorageService;
import io.stowage.testkit.store.StoreContract;

/** The contract suite inside a framework, on the real clock, against the backend a subclass configures. */
public abstract class FrameworkContract extends StoreContract {

    @Inject
    private StorageService storage;

    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return StowageFramework.standard();
    }

    /** Creates (if not there yet) the configuration named "default" of the backend under test. */
    protected abstract void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException;

    @Before
    @Override
    public void openStore() {
        try {
            configureDefaultBackend(configurations);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        super.openStore();
    }

    @Override
    protected StorageService storage() {
        return storage;
    }
}
