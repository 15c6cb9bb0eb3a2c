package io.stowage.itest;

import javax.inject.Inject;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.LogReaderService;

import io.stowage.api.StorageService;

/**
 * A test class whose tests run inside a Felix holding Stowage (Pax Exam's probe), one framework per class: the
 * framework is {@link StowageFramework#standard()} unless the class overrides {@link #framework()}, and the services
 * every test reads are injected. The storage service is looked up, not injected: tests stop and update the kernel,
 * and a field would hold the old kernel's service (and its class loader).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class FrameworkProbe {

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configurations;

    @Inject
    protected ServiceComponentRuntime scr;

    @Inject
    protected LogReaderService log;

    @Configuration
    public final Option[] config() {
        return framework().options();
    }

    /**
     * The framework this class's tests run in; override to add options or bundles, or to leave bundles out:
     * {@code StowageFramework.standard().without("org.apache.felix.gogo.runtime")}.
     */
    protected StowageFramework framework() {
        return StowageFramework.standard();
    }

    /** The storage service registered now (this probe's namespace), waiting up to 10 s for one. */
    protected StorageService storage() throws InterruptedException {
        StowageFramework.await("a storage service", 10_000, () -> registeredStorage() != null);
        return registeredStorage();
    }

    /** The storage service registered now, or null while there is none (the kernel stopped or is updating). */
    protected StorageService registeredStorage() {
        ServiceReference<StorageService> reference = context.getServiceReference(StorageService.class);
        return reference == null ? null : context.getService(reference);
    }

    /** Runs a Gogo command: see {@link StowageFramework#command}. */
    protected String command(String command) {
        return StowageFramework.command(context, command);
    }

    /** Runs a Gogo command that must fail, and returns its message. */
    protected String failure(String command) {
        return StowageFramework.failure(context, command);
    }

    protected Bundle bundle(String symbolicName) {
        return StowageFramework.installed(context, symbolicName);
    }
}
