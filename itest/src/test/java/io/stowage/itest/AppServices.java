package io.stowage.itest;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogReaderService;

/**
 * The services that application bundles built by {@link AppBundles} publish, each under a type of the system bundle
 * (so the test shares no class with the application) with the properties {@value #APP} (the application's symbolic
 * name) and {@value #VERSION} (its bundle version): a test finds the one of the revision it means.
 */
final class AppServices {

    static final String APP = "stowage.itest.app";
    static final String VERSION = "stowage.itest.app.version";

    private AppServices() {
    }

    /**
     * The service of {@code type} that the application publishes at that version, waiting for it; failing, the
     * message carries the framework's log, where an activator's failure is.
     */
    static ServiceReference<?> await(BundleContext context, LogReaderService log, Class<?> type, String app,
            String version, long timeoutMillis) throws InterruptedException {
        String filter = "(&(" + APP + "=" + app + ")(" + VERSION + "=" + version + "))";
        ServiceReference<?>[] found = {null};
        try {
            StowageFramework.await("the " + type.getSimpleName() + " service of " + app + " " + version,
                    timeoutMillis, () -> {
                        found[0] = find(context, type, filter);
                        return found[0] != null;
                    });
        } catch (AssertionError e) {
            // Not chained: Pax Exam reports the innermost cause only
            throw new AssertionError(e.getMessage() + "; log: " + FrameworkLog.messages(log));
        }
        return found[0];
    }

    private static ServiceReference<?> find(BundleContext context, Class<?> type, String filter) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(type.getName(), filter);
            return references == null ? null : references[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }
}
