package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.api.Store;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.testlog.Loggers;

/**
 * The size of LMDB's {@code data.mdb} after the same customer records are stored through the kernel with each chain,
 * and with none: a fresh environment per chain, loaded in batches of the API's limit, closed before it is measured.
 * The backend runs in NO_SYNC mode, which changes when pages reach the disk but not how many there are.
 */
record LmdbFileSizes(TransformServices services, CustomerRecords records, long entries) {

    /** The chains measured, by the name the report gives them; the empty chain is the baseline. */
    static final List<String[]> CHAINS = List.of(
            new String[] {"none", ""},
            new String[] {"lz4", "lz4(level=fast)"},
            new String[] {"zstd", "zstd(level=3)"},
            new String[] {"aes-gcm", "aes-gcm(key=" + TransformServices.KEY_ALIAS + ")"},
            new String[] {"zstd+aes-gcm", "zstd(level=3), aes-gcm(key=" + TransformServices.KEY_ALIAS + ")"});

    /** One chain's file: its size, what was stored in it and how long loading took. */
    record FileSize(String name, String chain, long entries, long originalBytes, long fileBytes, long loadMillis) {

        String text(long baselineBytes) {
            return String.format(Locale.ROOT, "transform.lmdb-file.%s: data.mdb=%,d B (%.1f MiB) %.3f of no chain, "
                    + "%.1f B/entry for %,d entries of %.1f B on average, loaded in %.1f s", name, fileBytes,
                    fileBytes / 1048576.0, (double) fileBytes / baselineBytes, (double) fileBytes / entries, entries,
                    (double) originalBytes / entries, loadMillis / 1000.0);
        }
    }

    List<FileSize> measure() throws IOException {
        List<FileSize> sizes = new ArrayList<>();
        for (String[] chain : CHAINS) {
            FileSize size = measure(chain[0], chain[1]);
            System.out.println(size.text(sizes.isEmpty() ? size.fileBytes() : sizes.get(0).fileBytes()));
            sizes.add(size);
        }
        return sizes;
    }

    private FileSize measure(String name, String chain) throws IOException {
        Path folder = TrialFolder.create("lmdb-size");
        try {
            LmdbBackend backend = KernelOnLmdb.configured("bench", folder, "NO_SYNC");
            long original = 0;
            long started = System.nanoTime();
            try (EmbeddedKernel kernel = services.registerWith(new EmbeddedKernel(backend, "lmdb", 5_000,
                    System::currentTimeMillis, Loggers.silent()))) {
                if (!chain.isEmpty()) {
                    kernel.routeThrough(TransformThroughput.NAMESPACE, "customers", chain,
                            TransformChain.DEFAULT_MIN_SIZE);
                }
                Store store = kernel.namespace(TransformThroughput.NAMESPACE).store("customers");
                for (long start = 0; start < entries; start += Limits.MAX_BATCH_SIZE) {
                    Batch.Builder batch = Batch.builder();
                    for (long i = start; i < Math.min(entries, start + Limits.MAX_BATCH_SIZE); i++) {
                        byte[] value = records.value(i);
                        original += value.length;
                        batch.put(CustomerRecords.key(i), value);
                    }
                    store.write(batch.build());
                }
            } finally {
                backend.close();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            return new FileSize(name, chain, entries, original, Files.size(folder.resolve("data.mdb")), millis);
        } finally {
            TrialFolder.delete(folder);
        }
    }
}
