package io.stowage.kernel.migration;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.stowage.api.UnsupportedFormatException;

/**
 * The portable dump format of {@code stowage:backup} and {@code stowage:restore}: independent of any backend, so a
 * dump loads into any of them.
 *
 * <pre>
 * "STOWAGE-DUMP" version(int, 1) createdAtMillis(long)
 * then per entry:  1 namespace(UTF) store(UTF) keyLength(int) key(UTF-8) valueLength(int) value expiresAt(long, 0: none)
 * then:            0 entries(long)
 * </pre>
 *
 * The trailing count tells a complete dump from a truncated one.
 */
final class StoreDump {

    static final int VERSION = 1;
    private static final byte[] MAGIC = "STOWAGE-DUMP".getBytes(StandardCharsets.US_ASCII);
    private static final byte ENTRY = 1;
    private static final byte END = 0;

    /** One entry as the dump holds it. */
    record Entry(String namespace, String store, String key, byte[] value, long expiresAtMillis) {
    }

    /** Something that takes the entries of a dump, in order. */
    interface Reader {
        void entry(Entry entry) throws IOException;
    }

    private StoreDump() {
    }

    /** Writes entries to a new file; {@link #close()} completes it. Until then the file is not a valid dump. */
    static final class Writer implements AutoCloseable {
        private final DataOutputStream out;
        private long entries;

        Writer(Path file, long createdAtMillis) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(createdAtMillis);
        }

        void write(Entry entry) throws IOException {
            out.writeByte(ENTRY);
            out.writeUTF(entry.namespace());
            out.writeUTF(entry.store());
            byte[] key = entry.key().getBytes(StandardCharsets.UTF_8);
            out.writeInt(key.length);
            out.write(key);
            out.writeInt(entry.value().length);
            out.write(entry.value());
            out.writeLong(entry.expiresAtMillis());
            entries++;
        }

        long entries() {
            return entries;
        }

        @Override
        public void close() throws IOException {
            out.writeByte(END);
            out.writeLong(entries);
            out.close();
        }
    }

    /** Reads the whole dump; returns how many entries it held. Refuses a file that is not a complete dump. */
    static long read(Path file, Reader reader) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new UnsupportedFormatException(file + " is not a Stowage dump");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new UnsupportedFormatException(file + " is a Stowage dump of format " + version
                        + "; this kernel reads format " + VERSION);
            }
            in.readLong();
            long count = 0;
            while (true) {
                byte kind = in.readByte();
                if (kind == END) {
                    long written = in.readLong();
                    if (written != count) {
                        throw new UnsupportedFormatException(file + " says it holds " + written + " entries but holds "
                                + count);
                    }
                    return count;
                }
                if (kind != ENTRY) {
                    throw new UnsupportedFormatException(file + " is damaged after entry " + count);
                }
                String namespace = in.readUTF();
                String store = in.readUTF();
                String key = new String(in.readNBytes(length(in, file)), StandardCharsets.UTF_8);
                byte[] value = in.readNBytes(length(in, file));
                reader.entry(new Entry(namespace, store, key, value, in.readLong()));
                count++;
            }
        } catch (EOFException e) {
            throw new UnsupportedFormatException(file + " ends before its last entry: the backup that wrote it did not "
                    + "complete");
        }
    }

    private static int length(DataInputStream in, Path file) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new UnsupportedFormatException(file + " is damaged: negative length " + length);
        }
        return length;
    }
}
