package io.stowage.kernel.instance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.ValueEnvelope;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * Everything a volatile backend instance held, copied out as plain byte arrays when the instance ends and loaded
 * into the next instance of the same configuration. Between the two it holds nothing of the ending extension's
 * classes, so that extension's class loader can go.
 */
final class HandOver {

    private static final int PAGE = 10_000;
    private static final int LOAD_BATCH = 1_000;
    /** The smallest key there is: a copy from here takes the kernel's metadata and every namespace. */
    static final byte[] FIRST_KEY = {0x00};
    private static final String FILE_MAGIC = "stowage-hand-over";
    private static final int FILE_VERSION = 1;

    private final String configurationPid;
    private final List<byte[]> keys;
    private final List<byte[]> values;
    private final long bytes;

    private HandOver(String configurationPid, List<byte[]> keys, List<byte[]> values, long bytes) {
        this.configurationPid = configurationPid;
        this.keys = keys;
        this.values = values;
        this.bytes = bytes;
    }

    /** Copies every entry of the backend, which no operation may change meanwhile. */
    static HandOver copy(String configurationPid, StorageBackend backend) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        long bytes = 0;
        byte[] from = FIRST_KEY;
        while (true) {
            List<BackendEntry> page = backend.scan(from, null, PAGE);
            for (BackendEntry entry : page) {
                keys.add(entry.key());
                values.add(entry.value());
                bytes += entry.key().length + entry.value().length;
            }
            if (page.size() < PAGE) {
                return new HandOver(configurationPid, keys, values, bytes);
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
    }

    /**
     * Writes the hand-over to a file, so that it survives the kernel's own restart (an update of the kernel
     * bundle): a versioned header, the configuration's name and PID, then each key and value with its length.
     */
    void writeTo(Path file, String configurationName) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(FILE_MAGIC);
            out.writeInt(FILE_VERSION);
            out.writeUTF(configurationName);
            out.writeUTF(configurationPid);
            out.writeInt(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                out.writeInt(keys.get(i).length);
                out.write(keys.get(i));
                out.writeInt(values.get(i).length);
                out.write(values.get(i));
            }
        }
    }

    /** Reads what {@link #writeTo(Path, String)} wrote and gives it, with its configuration's name, to the sink. */
    static void readFrom(Path file, BiConsumer<String, HandOver> sink) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!FILE_MAGIC.equals(in.readUTF()) || in.readInt() != FILE_VERSION) {
                throw new IOException(file + " is not a hand-over file of this kernel");
            }
            String name = in.readUTF();
            String pid = in.readUTF();
            int entries = in.readInt();
            List<byte[]> keys = new ArrayList<>(entries);
            List<byte[]> values = new ArrayList<>(entries);
            long bytes = 0;
            for (int i = 0; i < entries; i++) {
                keys.add(in.readNBytes(in.readInt()));
                values.add(in.readNBytes(in.readInt()));
                bytes += keys.get(i).length + values.get(i).length;
            }
            sink.accept(name, new HandOver(pid, keys, values, bytes));
        }
    }

    /** Whether this is the data of that configuration (a name may pass to another configuration meanwhile). */
    boolean belongsTo(String pid) {
        return configurationPid.equals(pid);
    }

    int entries() {
        return keys.size();
    }

    long bytes() {
        return bytes;
    }

    /** Writes every entry into the (new, empty) backend, with its expiry where the backend keeps one natively. */
    void loadInto(StorageBackend backend) {
        boolean batches = backend.capabilities().contains(Capability.ATOMIC_BATCH);
        List<BackendMutation> batch = new ArrayList<>(LOAD_BATCH);
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            byte[] value = values.get(i);
            long expiresAt = key[0] == KeyCodec.META ? ValueEnvelope.NO_EXPIRY : ValueEnvelope.expiresAt(value);
            if (!batches) {
                backend.put(key, value, expiresAt);
                continue;
            }
            batch.add(BackendMutation.put(key, value, expiresAt));
            if (batch.size() == LOAD_BATCH) {
                backend.write(batch);
                batch = new ArrayList<>(LOAD_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            backend.write(batch);
        }
    }
}
