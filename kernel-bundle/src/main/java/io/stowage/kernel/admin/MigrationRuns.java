package io.stowage.kernel.admin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.service.log.Logger;

import io.stowage.admin.Migration;
import io.stowage.admin.StoreId;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.migration.StoreMigrator;
import io.stowage.kernel.store.StoreRoute;

/**
 * Runs store migrations, each on a thread of its own so that the operator who started one can watch, wait, or
 * cancel it. When the kernel stops, running migrations are cancelled (each store stays in its source unless it has
 * switched) and their threads end before the kernel's backends do.
 */
final class MigrationRuns implements AutoCloseable {

    private final Kernel kernel;
    private final Logger logger;
    private final Set<MigrationRun> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "stowage-migration");
        thread.setDaemon(true);
        return thread;
    });

    MigrationRuns(Kernel kernel, Logger logger) {
        this.kernel = kernel;
        this.logger = logger;
    }

    Migration start(StoreId store, String target, boolean keepSource, StoreMigrator migrator) {
        StoreRoute route = kernel.route(store.namespace(), store.store());
        String source = route.slot().configuration();
        if (source.equals(target)) {
            throw new IllegalArgumentException("store " + route.label + " is already in configuration '" + target
                    + "'");
        }
        MigrationRun run = new MigrationRun(store, source, target);
        running.add(run);
        try {
            threads.execute(() -> {
                try {
                    run.finished(migrator.migrate(route, target, keepSource, run));
                } catch (RuntimeException e) {
                    logger.info("migration of store {} to '{}' ended early: {}", route.label, target, e.toString());
                    run.failed(e);
                } finally {
                    running.remove(run);
                }
            });
        } catch (RejectedExecutionException stopping) {
            running.remove(run);
            throw new IllegalStateException("the kernel is stopping: no migration starts now");
        }
        return run;
    }

    @Override
    public void close() {
        running.forEach(MigrationRun::cancel);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(kernel.drainTimeoutMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                logger.warn("{} store migrations still ran when the kernel stopped", running.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
