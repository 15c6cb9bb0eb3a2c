package io.stowage.itest;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/** What tests of bundle updates do with revisions: refresh them away, and wait for their class loaders to go. */
final class Revisions {

    private Revisions() {
    }

    /** Refreshes the bundles (after an update or uninstall) and waits until the framework is done. */
    static void refresh(BundleContext context, Bundle... bundles) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundles), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        if (!refreshed.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the refresh of " + List.of(bundles) + " did not finish within 30 s");
        }
    }

    /** Updates the bundle in place and refreshes it, remembering its old revision's class loader in {@code old}. */
    static void updateAndRefresh(BundleContext context, Bundle bundle, List<WeakReference<ClassLoader>> old)
            throws Exception {
        old.add(new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader()));
        bundle.update();
        refresh(context, bundle);
    }

    /** {@link #awaitCollected} for every remembered class loader, each named by its revision's number. */
    static void awaitAllCollected(String bundle, List<WeakReference<ClassLoader>> loaders)
            throws InterruptedException {
        for (int revision = 0; revision < loaders.size(); revision++) {
            awaitCollected("the class loader of " + bundle + "'s revision " + revision, loaders.get(revision),
                    20_000);
        }
    }

    /** Runs GC until the class loader is collected, failing with its name when the time is up. */
    static void awaitCollected(String what, WeakReference<ClassLoader> loader, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (loader.get() != null) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + " is still reachable " + timeoutMillis + " ms after its revision "
                        + "ended: something keeps one of its classes or objects (" + loader.get() + ")");
            }
            System.gc();
            Thread.sleep(100);
        }
    }
}
