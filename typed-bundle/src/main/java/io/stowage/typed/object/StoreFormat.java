package io.stowage.typed.object;

import java.nio.charset.StandardCharsets;

import io.stowage.typed.Codec;
import io.stowage.typed.Codecs;
import io.stowage.typed.codec.ValueHeader;

/** The small values of an object store's layout: a root's id, the marker, and the running collection's state. */
final class StoreFormat {

    /** What {@code meta:objects} holds: the layout's name and version. */
    static final byte[] MARKER_VALUE = "stowage-objects 1".getBytes(StandardCharsets.UTF_8);
    /** What a grey or mark key holds: nothing, its key says it all. */
    static final byte[] EMPTY = new byte[0];
    private static final Codec<String> TEXT = Codecs.strings();
    private static final byte[] TEXT_ID = ValueHeader.idBytes(TEXT);

    private StoreFormat() {
    }

    static byte[] rootValue(String id) {
        return ValueHeader.wrap(TEXT, TEXT_ID, id);
    }

    /** The id a root's value holds. */
    static String rootId(byte[] stored, String where) {
        return ObjectKeys.checkId(ValueHeader.unwrap(TEXT, TEXT_ID, stored, where));
    }

    /** {@code gc:state}'s value: the run's id, then when it started, for an operator reading the key. */
    static byte[] gcState(String run, java.time.Instant started) {
        return (run + " " + started).getBytes(StandardCharsets.UTF_8);
    }

    /** The run a {@code gc:state} value names. */
    static String gcRun(byte[] state) {
        String text = new String(state, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }
}
