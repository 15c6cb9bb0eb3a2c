package io.stowage.kernel.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stowage.admin.BackupResult;
import io.stowage.admin.RestoreMode;
import io.stowage.admin.RestoreResult;
import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.store.KernelStore;
import io.stowage.kernel.store.Names;
import io.stowage.kernel.store.StoreCatalog;
import io.stowage.kernel.store.ValueEnvelope;

/**
 * {@code stowage:backup} and {@code stowage:restore}: stores to a portable dump file ({@link StoreDump}) and back,
 * while applications keep using them. A backup reads each store a page at a time, so it is consistent per page, not
 * a snapshot of the moment it began; a restore writes through the stores' routes, into whatever backend serves them.
 */
public final class StoreBackups {

    private final Kernel kernel;

    public StoreBackups(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Writes the selected stores to the file: {@code namespace/store}, {@code namespace}, or every store when
     * {@code selector} is null. The file appears complete or not at all.
     */
    public BackupResult backup(Path file, String selector) throws IOException {
        long started = System.nanoTime();
        List<StoreCatalog.StoreId> stores = select(selector);
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        long entries;
        try (StoreDump.Writer writer = new StoreDump.Writer(partial, kernel.nowMillis())) {
            for (StoreCatalog.StoreId id : stores) {
                KernelStore store = kernel.open(id.namespace(), id.store(), null);
                try {
                    store.forEachLive(true, (key, keyBytes, envelope) -> write(writer, new StoreDump.Entry(
                            id.namespace(), id.store(), key, store.valueOf(key, envelope),
                            ValueEnvelope.expiresAt(envelope))));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            entries = writer.entries();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new BackupResult(entries, stores.size(), file, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void write(StoreDump.Writer writer, StoreDump.Entry entry) {
        try {
            writer.write(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<StoreCatalog.StoreId> select(String selector) {
        if (selector == null) {
            return kernel.stores(null);
        }
        int slash = selector.indexOf('/');
        if (slash < 0) {
            return kernel.stores(selector);
        }
        String namespace = selector.substring(0, slash);
        String store = selector.substring(slash + 1);
        Names.requireNamespace(namespace);
        Names.requireStoreName(store);
        return List.of(new StoreCatalog.StoreId(namespace, store));
    }

    /**
     * Loads the file into the stores it names. The whole file is read once first, so a damaged or truncated dump
     * changes nothing; then, unless {@code mode} says what to do, a store that already holds keys is refused.
     */
    public RestoreResult restore(Path file, RestoreMode mode) throws IOException {
        long started = System.nanoTime();
        Map<String, Long> perStore = new LinkedHashMap<>();
        StoreDump.read(file, entry -> perStore.merge(entry.namespace() + "/" + entry.store(), 1L, Long::sum));
        Map<String, KernelStore> stores = new LinkedHashMap<>();
        List<String> holding = new ArrayList<>();
        for (String label : perStore.keySet()) {
            int slash = label.indexOf('/');
            KernelStore store = kernel.open(label.substring(0, slash), label.substring(slash + 1), null);
            stores.put(label, store);
            long count = store.count();
            if (count > 0) {
                holding.add(label + " (" + count + " keys)");
            }
        }
        if (mode == RestoreMode.REFUSE && !holding.isEmpty()) {
            throw new IllegalArgumentException("not restored: " + String.join(", ", holding) + " already hold"
                    + (holding.size() == 1 ? "s" : "") + " keys; restore with --merge (keep them, the dump's keys "
                    + "win) or --replace (clear the stores first)");
        }
        if (mode == RestoreMode.REPLACE) {
            stores.values().forEach(KernelStore::clear);
        }
        Loader loader = new Loader(stores);
        StoreDump.read(file, loader::add);
        loader.flush();
        return new RestoreResult(loader.restored, stores.size(), file, Duration.ofNanos(System.nanoTime() - started),
                loader.expired, mode);
    }

    /** Writes entries in batches of the API's limit, one store at a time, with their remaining TTLs. */
    private final class Loader {
        private final Map<String, KernelStore> stores;
        private String label;
        private Batch.Builder batch = Batch.builder();
        private int inBatch;
        long restored;
        long expired;

        Loader(Map<String, KernelStore> stores) {
            this.stores = stores;
        }

        void add(StoreDump.Entry entry) {
            String entryLabel = entry.namespace() + "/" + entry.store();
            if (!entryLabel.equals(label) || inBatch == Limits.MAX_BATCH_SIZE) {
                flush();
                label = entryLabel;
            }
            if (entry.expiresAtMillis() == ValueEnvelope.NO_EXPIRY) {
                batch.put(entry.key(), entry.value());
            } else {
                long left = entry.expiresAtMillis() - kernel.nowMillis();
                if (left <= 0) {
                    expired++;
                    return;
                }
                batch.put(entry.key(), entry.value(), Duration.ofMillis(left));
            }
            inBatch++;
        }

        void flush() {
            if (inBatch > 0) {
                stores.get(label).write(batch.build());
                restored += inBatch;
            }
            batch = Batch.builder();
            inBatch = 0;
        }
    }
}
