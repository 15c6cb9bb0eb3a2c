package io.stowage.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.stowage.api.ChangeKind;
import io.stowage.spi.BackendChange;

/**
 * A store's change stream as the SPI sees it: entry ids {@code ms-seq} as positions {@code ms * 1_000_000 + seq}
 * (a stream would need a million entries in one millisecond for two ids to share one), and entries with the fields
 * {@code op} ({@code put} or {@code delete}), {@code key} (the backend key) and, for a put if the configuration keeps
 * values, {@code value} (the stored bytes: the kernel's envelope).
 */
final class RedisChanges {

    static final long PER_MILLISECOND = 1_000_000L;
    private static final byte[] PUT = "put".getBytes(StandardCharsets.US_ASCII);

    private RedisChanges() {
    }

    /** The position of an entry id. */
    static long position(byte[] id) {
        String text = new String(id, StandardCharsets.US_ASCII);
        int dash = text.indexOf('-');
        return Long.parseLong(text, 0, dash, 10) * PER_MILLISECOND + Long.parseLong(text, dash + 1, text.length(), 10);
    }

    /** The first entry id above the position, as an inclusive XRANGE start (Redis 5 has no exclusive one). */
    static byte[] idAfter(long position) {
        if (position < 0) {
            return new byte[] {'-'};
        }
        long next = position + 1;
        return (next / PER_MILLISECOND + "-" + next % PER_MILLISECOND).getBytes(StandardCharsets.US_ASCII);
    }

    /** The newest dropped position from {@link RedisScript#DROPPED}'s answer, or -1 for none or unknown. */
    static long droppedPosition(List<Object> answer) {
        if (answer.isEmpty()) {
            return -1;
        }
        long position = position((byte[]) answer.get(0));
        return "before".equals(new String((byte[]) answer.get(1), StandardCharsets.US_ASCII)) ? position - 1
                : position;
    }

    /** XRANGE's (or XREVRANGE's) answer, in its order. */
    static List<BackendChange> parse(List<Object> entries) {
        List<BackendChange> changes = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            List<?> idAndFields = (List<?>) entry;
            List<?> fields = (List<?>) idAndFields.get(1);
            byte[] op = null;
            byte[] key = null;
            byte[] value = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String field = new String((byte[]) fields.get(i), StandardCharsets.US_ASCII);
                byte[] content = (byte[]) fields.get(i + 1);
                switch (field) {
                    case "op" -> op = content;
                    case "key" -> key = content;
                    case "value" -> value = content;
                    default -> { }
                }
            }
            boolean put = Arrays.equals(op, PUT);
            changes.add(new BackendChange(position((byte[]) idAndFields.get(0)), key,
                    put ? ChangeKind.PUT : ChangeKind.DELETE, put ? value : null));
        }
        return changes;
    }
}
