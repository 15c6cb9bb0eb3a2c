package io.stowage.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.Serializer;

import io.stowage.typed.Codec;

/**
 * The small record {@link TypedBenchmark} stores, and the two hand-written binary forms of it: a MapDB
 * {@link Serializer} and a Stowage {@link Codec} writing the same fields in the same order.
 */
final class TypedRecords {

    private TypedRecords() {
    }

    /** An order line: four fields, 57 to 64 bytes as JSON, 27 in the binary codec's form. */
    public record Line(long id, String sku, int quantity, boolean shipped) {
    }

    static Line line(int i, String key) {
        return new Line(i, "sku-" + key.substring(0, 8), i % 1000, i % 2 == 0);
    }

    /**
     * MapDB's best fit for a record: its own {@code Serializer} writing each field with {@link DataOutput2} (packed
     * long and int, the string as MapDB's STRING does), as MapDB's documentation advises for custom classes.
     * Serializer.JAVA and ELSA are Java serialization or a variant of it, which the typed layer refuses to use and
     * which would only make MapDB slower.
     */
    static final class LineSerializer implements Serializer<Line> {

        @Override
        public void serialize(DataOutput2 out, Line line) throws IOException {
            out.packLong(line.id());
            out.writeUTF(line.sku());
            out.packInt(line.quantity());
            out.writeBoolean(line.shipped());
        }

        @Override
        public Line deserialize(DataInput2 in, int available) throws IOException {
            return new Line(in.unpackLong(), in.readUTF(), in.unpackInt(), in.readBoolean());
        }
    }

    /** The same fields as {@link LineSerializer} through a Stowage codec: separates JSON's cost from the map's. */
    static final class LineBinaryCodec implements Codec<Line> {

        @Override
        public String id() {
            return "bench:line";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public Class<Line> type() {
            return Line.class;
        }

        @Override
        public boolean preservesOrder() {
            return false;
        }

        @Override
        public byte[] encode(Line line) {
            byte[] sku = line.sku().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(8 + 2 + sku.length + 4 + 1).putLong(line.id()).putShort((short) sku.length)
                    .put(sku).putInt(line.quantity()).put((byte) (line.shipped() ? 1 : 0)).array();
        }

        @Override
        public Line decode(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long id = in.getLong();
            byte[] sku = new byte[in.getShort()];
            in.get(sku);
            return new Line(id, new String(sku, StandardCharsets.UTF_8), in.getInt(), in.get() == 1);
        }

        @Override
        public String toKey(Line line) {
            throw new UnsupportedOperationException("values only");
        }

        @Override
        public Line fromKey(String key) {
            throw new UnsupportedOperationException("values only");
        }
    }
}
