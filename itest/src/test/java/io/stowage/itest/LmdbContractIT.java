package io.stowage.itest;

import java.io.IOException;
import java.time.Duration;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.api.StorageService;
import io.stowage.tck.StoreContract;

/** The backend contract suite against the LMDB extension, through the kernel, in a real Felix, on real files. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LmdbContractIT extends StoreContract {

    @Inject
    private StorageService storage;

    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return StowageFramework.standard();
    }

    @Before
    @Override
    public void openStore() {
        try {
            StowageFramework.lmdbBackend(configurations, "default");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        super.openStore();
    }

    @Override
    protected StorageService storage() {
        return storage;
    }

    @Override
    protected void elapse(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
