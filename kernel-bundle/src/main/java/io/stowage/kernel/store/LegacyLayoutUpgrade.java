package io.stowage.kernel.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.stowage.api.UnsupportedFormatException;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.StoreKeys;

/**
 * Moves data written in the first key layout ({@code namespace 0x00 store 0x00 key}) under the stores' short
 * prefixes ({@link StoreDirectory}), a page at a time. Each page's entries are written under their new keys before
 * their old keys are deleted, so a run that stops halfway loses nothing and the next run finishes the work; expired
 * entries are only deleted. The legacy keys sort above every store prefix (a namespace starts with a letter, a digit,
 * {@code -} or {@code _}), so the two layouts never mix.
 */
public final class LegacyLayoutUpgrade {

    private static final byte[] FIRST_LEGACY_KEY = {StoreKeys.MAX_ID_BYTES + 1};
    private static final int PAGE = 1000;

    private LegacyLayoutUpgrade() {
    }

    /** Upgrades every legacy key of the backend; returns how many live entries moved. */
    public static long run(String configuration, StorageBackend backend, LongSupplier clock) {
        if (!backend.capabilities().contains(Capability.ORDERED_SCAN)) {
            throw new UnsupportedFormatException("backend configuration '" + configuration + "' holds data in "
                    + "key layout 1, which this kernel upgrades only on backends with ordered scans; the data was "
                    + "left untouched");
        }
        Map<String, byte[]> prefixes = new HashMap<>();
        long moved = 0;
        byte[] from = FIRST_LEGACY_KEY;
        while (true) {
            List<BackendEntry> page = backend.scan(from, null, PAGE);
            List<BackendMutation> puts = new ArrayList<>();
            List<BackendMutation> deletes = new ArrayList<>();
            long now = clock.getAsLong();
            for (BackendEntry entry : page) {
                byte[] key = entry.key();
                int legacyPrefix = StoreKeys.prefixLength(key);
                if (legacyPrefix == 0) {
                    continue;
                }
                if (!ValueEnvelope.isExpired(entry.value(), now)) {
                    byte[] prefix = prefixes.computeIfAbsent(new String(key, 0, legacyPrefix, StandardCharsets.UTF_8),
                            names -> prefixOf(backend, names));
                    byte[] upgraded = KeyCodec.concat(prefix, Arrays.copyOfRange(key, legacyPrefix,
                            key.length));
                    puts.add(BackendMutation.put(upgraded, entry.value(), ValueEnvelope.expiresAt(entry.value())));
                }
                deletes.add(BackendMutation.delete(key));
            }
            backend.write(puts);
            backend.write(deletes);
            moved += puts.size();
            if (page.size() < PAGE) {
                return moved;
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
    }

    /** The prefix of the store a legacy prefix ({@code namespace 0x00 store 0x00}) names. */
    private static byte[] prefixOf(StorageBackend backend, String legacyPrefix) {
        int separator = legacyPrefix.indexOf('\0');
        return StoreDirectory.prefixOf(backend, legacyPrefix.substring(0, separator),
                legacyPrefix.substring(separator + 1, legacyPrefix.length() - 1));
    }
}
