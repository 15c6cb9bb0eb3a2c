package io.stowage.itest;

import java.io.IOException;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/** The backend contract suite against the LMDB extension, through the kernel, in a real Felix, on real files. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LmdbContractIT extends FrameworkContract {

    @Override
    protected void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException {
        StowageFramework.lmdbBackend(configurations, "default");
    }
}
