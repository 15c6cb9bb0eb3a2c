package io.stowage.webconsole;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.admin.Migration;
import io.stowage.admin.MigrationPhase;
import io.stowage.admin.MigrationProgress;

/**
 * The migrations started from the console, by id, so a page can follow one (its progress as JSON) and cancel it.
 * The handles belong to the kernel that made them: {@link #clear()} forgets them all when that kernel goes. Only the
 * newest {@value #KEPT} are kept.
 */
final class Migrations {

    static final int KEPT = 20;

    /** A migration and the number of keys the store held when it started, for the progress bar. */
    record Watched(Migration migration, long total) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Watched> watched = new LinkedHashMap<>();

    synchronized String add(Migration migration, long total) {
        String id = Long.toString(ids.incrementAndGet());
        watched.put(id, new Watched(migration, total));
        while (watched.size() > KEPT) {
            watched.remove(watched.keySet().iterator().next());
        }
        return id;
    }

    synchronized Watched get(String id) {
        return watched.get(id);
    }

    synchronized void clear() {
        watched.clear();
    }

    /** Writes the migration's progress as JSON, or 404 for an id the console does not know. */
    void report(String id, Exchange exchange) throws IOException {
        Watched one = get(id);
        if (one == null) {
            exchange.json(404, Map.of("error", "no migration " + id + " is known to this console"));
            return;
        }
        exchange.json(200, progress(id, one));
    }

    static Map<String, Object> progress(String id, Watched one) {
        MigrationProgress progress = one.migration().progress();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("store", progress.store().label());
        json.put("source", progress.source());
        json.put("target", progress.target());
        json.put("phase", progress.phase().name());
        json.put("copied", progress.copied());
        json.put("total", one.total());
        json.put("percent", percent(progress, one.total()));
        json.put("finished", progress.phase().isFinished());
        json.put("elapsedMillis", progress.elapsed().toMillis());
        if (progress.phase() == MigrationPhase.FAILED) {
            json.put("error", failure(one.migration()));
        }
        return json;
    }

    /** Copied of the keys counted at the start, below 100 until the migration is done (writes may add keys). */
    static int percent(MigrationProgress progress, long total) {
        if (progress.phase() == MigrationPhase.DONE) {
            return 100;
        }
        if (progress.phase() == MigrationPhase.SWITCHED) {
            return 99;
        }
        if (total <= 0) {
            return 0;
        }
        return (int) Math.min(98, progress.copied() * 100 / total);
    }

    private static String failure(Migration migration) {
        try {
            migration.await(Duration.ZERO);
            return "";
        } catch (CancellationException e) {
            return "cancelled";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
