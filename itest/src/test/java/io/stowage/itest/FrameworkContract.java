package io.stowage.itest;

import java.io.IOException;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogReaderService;

import io.stowage.api.StorageService;
import io.stowage.testkit.store.StoreContract;

/**
 * The contract suite inside a framework, on the real clock, against the backend a subclass configures. It extends
 * the suite, so it cannot extend {@link FrameworkProbe}: it declares the same framework and the injections the suite
 * and its subclasses use.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class FrameworkContract extends StoreContract {

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configurations;

    @Inject
    protected LogReaderService log;

    @Inject
    private StorageService storage;

    @Configuration
    public final Option[] config() {
        return framework().options();
    }

    /** As {@link FrameworkProbe#framework()}. */
    protected StowageFramework framework() {
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
