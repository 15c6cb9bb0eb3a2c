package io.stowage.kernel.instance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import io.stowage.kernel.store.KeyCodec;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.StorageBackend;

/**
 * Everything a volatile backend instance held, as plain byte arrays in unsigned key order, kept from the moment the
 * instance ends until the next instance of the same configuration takes it over. It holds nothing of the ending
 * extension's classes, so that extension's class loader can go. The instance that takes it over serves at once with
 * these entries behind it ({@link HandOverOverlay}), which then own and consume them.
 */
final class HandOver {

    private static final int PAGE = 10_000;
    /** The smallest key there is: a copy from here takes the kernel's metadata and every namespace. */
    static final byte[] FIRST_KEY = {0x00};
    private static final String FILE_MAGIC = "stowage-hand-over";
    private static final int FILE_VERSION = 1;

    private final String configurationPid;
    private final ConcurrentSkipListMap<byte[], byte[]> entries;
    /** Counted as the entries change: a {@link StandIn} may serve them until the next instance takes them. */
    private final LongSupplier count;
    private final LongSupplier bytes;
    /** The stand-in serving these entries, or null: set once, before the hand-over is kept. */
    private volatile StandIn standIn;

    HandOver(String configurationPid, ConcurrentSkipListMap<byte[], byte[]> entries, long count, long bytes) {
        this(configurationPid, entries, () -> count, () -> bytes);
    }

    HandOver(String configurationPid, ConcurrentSkipListMap<byte[], byte[]> entries, LongSupplier count,
            LongSupplier bytes) {
        this.configurationPid = configurationPid;
        this.entries = entries;
        this.count = count;
        this.bytes = bytes;
    }

    /** The entries serve their configuration through the stand-in until {@link #endStandIn}. */
    HandOver servedBy(StandIn serving) {
        this.standIn = serving;
        return this;
    }

    boolean hasStandIn() {
        return standIn != null;
    }

    /**
     * Ends the stand-in serving these entries, if one does (see {@link StandIn#end}): from then on nothing but their
     * next owner changes them. Returns false if operations still ran on it after {@code drainMillis}.
     */
    boolean endStandIn(long drainMillis) {
        StandIn serving = standIn;
        return serving == null || serving.end(drainMillis);
    }

    /** An empty map of raw entries in the backends' order: unsigned bytes. */
    static ConcurrentSkipListMap<byte[], byte[]> sortedEntries() {
        return new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    }

    /**
     * Copies every entry of the backend, which no operation may change meanwhile: the fallback when a live copy
     * ({@link LiveHandOver}) cannot be made, and the way when the kernel itself stops.
     */
    static HandOver copy(String configurationPid, StorageBackend backend) {
        ConcurrentSkipListMap<byte[], byte[]> entries = sortedEntries();
        long count = 0;
        long bytes = 0;
        byte[] from = FIRST_KEY;
        while (true) {
            List<BackendEntry> page = backend.scan(from, null, PAGE);
            for (BackendEntry entry : page) {
                entries.put(entry.key(), entry.value());
                count++;
                bytes += entry.key().length + entry.value().length;
            }
            if (page.size() < PAGE) {
                return new HandOver(configurationPid, entries, count, bytes);
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
    }

    /** The keys the backend holds, kernel metadata included, counted a page at a time. */
    static long keysIn(StorageBackend backend) {
        long count = 0;
        byte[] from = FIRST_KEY;
        while (true) {
            List<BackendEntry> page = backend.scan(from, null, PAGE);
            count += page.size();
            if (page.size() < PAGE) {
                return count;
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
            out.writeInt(entries.size());
            for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
                out.writeInt(entry.getKey().length);
                out.write(entry.getKey());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
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
            int count = in.readInt();
            ConcurrentSkipListMap<byte[], byte[]> entries = sortedEntries();
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                byte[] key = in.readNBytes(in.readInt());
                byte[] value = in.readNBytes(in.readInt());
                entries.put(key, value);
                bytes += key.length + value.length;
            }
            sink.accept(name, new HandOver(pid, entries, count, bytes));
        }
    }

    /** Whether this is the data of that configuration (a name may pass to another configuration meanwhile). */
    boolean belongsTo(String pid) {
        return configurationPid.equals(pid);
    }

    /**
     * How many entries it held when made, or when its stand-in ended (the instance that takes it over consumes
     * them).
     */
    long entries() {
        return count.getAsLong();
    }

    long bytes() {
        return bytes.getAsLong();
    }

    /** The entries themselves, for the overlay of the instance taking them over; nobody else changes them. */
    ConcurrentSkipListMap<byte[], byte[]> sorted() {
        return entries;
    }
}
