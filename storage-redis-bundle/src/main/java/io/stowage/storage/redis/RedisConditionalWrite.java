package io.stowage.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;

/**
 * The keys and arguments of one {@link RedisScript#WRITE_IF}: conditions, deadline and mutations of one
 * {@code writeIf} call, laid out as the script reads them. On a cluster every key must share one hash slot, so every
 * key here must belong to one group (one store), as the SPI promises; a call that breaks that promise is refused
 * before anything is sent, rather than by Redis's CROSSSLOT.
 */
final class RedisConditionalWrite {

    private static final byte[] NO_DEADLINE = {'-'};
    private static final byte[] ABSENT = {'a'};
    private static final byte[] VALUE = {'v'};
    private static final byte[] RANGE = {'r'};
    private static final byte[] DELETE = {'d'};

    private final RedisKeyLayout layout;
    private final boolean oneGroup;
    private final List<byte[]> conditionKeys = new ArrayList<>();
    private final List<byte[]> conditionArgs = new ArrayList<>();
    private final List<byte[]> mutationKeys = new ArrayList<>();
    private final List<byte[]> mutationArgs = new ArrayList<>();
    private byte[] group;

    /**
     * @param oneGroup whether every key must belong to one group: on a cluster, where the script runs in one slot
     */
    RedisConditionalWrite(RedisKeyLayout layout, boolean oneGroup) {
        this.layout = layout;
        this.oneGroup = oneGroup;
    }

    /** Adds a condition: the one key's value (or absence), or exactly the entries of a range of one store. */
    void require(BackendCondition condition) {
        byte[] from = condition.fromInclusive();
        byte[] conditionGroup = group(from);
        if (condition.isSingleKey()) {
            conditionKeys.add(layout.dataKey(conditionGroup, from));
            byte[] expected = condition.expected();
            if (expected == null) {
                conditionArgs.add(ABSENT);
            } else {
                conditionArgs.add(VALUE);
                conditionArgs.add(expected);
            }
            return;
        }
        byte[] to = condition.toExclusive();
        if (conditionGroup.length > 0 && Arrays.compareUnsigned(to, RedisKeyLayout.groupEnd(conditionGroup)) > 0) {
            throw new IllegalArgumentException("a condition's range goes beyond its store: the Redis backend checks "
                    + "the ranges of one store only");
        }
        conditionKeys.add(layout.indexKey(conditionGroup));
        conditionArgs.add(RANGE);
        conditionArgs.add(layout.dataKey(conditionGroup, new byte[0]));
        conditionArgs.add(RedisKeyLayout.bound('[', from));
        conditionArgs.add(RedisKeyLayout.bound('(', to));
        conditionArgs.add(decimal(condition.entries().size()));
        for (BackendEntry entry : condition.entries()) {
            conditionArgs.add(entry.key());
            conditionArgs.add(entry.value());
        }
    }

    /** Adds a mutation, as {@link RedisScript#WRITE} takes it; {@code ttl} is what {@code SET ... PX} gets. */
    void apply(BackendMutation mutation, byte[] ttl) {
        byte[] key = mutation.key();
        byte[] mutationGroup = group(key);
        mutationKeys.add(layout.dataKey(mutationGroup, key));
        mutationKeys.add(layout.indexKey(mutationGroup));
        mutationKeys.add(layout.streamKey(mutationGroup));
        mutationArgs.add(key);
        mutationArgs.add(mutation.isDelete() ? DELETE : mutation.value());
        mutationArgs.add(mutation.isDelete() ? DELETE : ttl);
    }

    /** Whether there is anything for the script to check or write; without keys it could not be routed either. */
    boolean isEmpty() {
        return conditionKeys.isEmpty() && mutationKeys.isEmpty();
    }

    byte[][] keys() {
        List<byte[]> keys = new ArrayList<>(conditionKeys.size() + mutationKeys.size());
        keys.addAll(conditionKeys);
        keys.addAll(mutationKeys);
        return keys.toArray(new byte[0][]);
    }

    /**
     * @param streamLength   about how many entries each store's change stream keeps, '0' for none
     * @param streamValues   '1' if a put's stream entry carries its value, else '0'
     * @param deadlineMillis epoch ms the server's clock must read before, {@link Long#MAX_VALUE} for none
     */
    byte[][] args(byte[] streamLength, byte[] streamValues, long deadlineMillis) {
        List<byte[]> args = new ArrayList<>(4 + conditionArgs.size() + mutationArgs.size());
        args.add(streamLength);
        args.add(streamValues);
        args.add(deadlineMillis == Long.MAX_VALUE ? NO_DEADLINE : decimal(deadlineMillis));
        args.add(decimal(conditionKeys.size()));
        args.addAll(conditionArgs);
        args.addAll(mutationArgs);
        return args.toArray(new byte[0][]);
    }

    private byte[] group(byte[] key) {
        byte[] keyGroup = RedisKeyLayout.group(key);
        if (group == null) {
            group = keyGroup;
        } else if (oneGroup && !Arrays.equals(group, keyGroup)) {
            throw new IllegalArgumentException("a conditional write on Redis Cluster must stay within one store, "
                    + "whose keys share one hash slot");
        }
        return keyGroup;
    }

    private static byte[] decimal(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }
}
