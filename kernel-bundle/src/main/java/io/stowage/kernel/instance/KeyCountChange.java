package io.stowage.kernel.instance;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.stowage.spi.BackendMutation;

/**
 * How mutations applied in order change the number of present keys: the net change, and the highest the count
 * rises above where it started on the way. A backend with a limit counts as it applies, so a batch that adds a key
 * before it deletes one needs room for the key even though it ends where it began.
 *
 * @param net  present keys after, less present keys before
 * @param peak the most keys present at any step, less those before (0 if it never rises)
 */
record KeyCountChange(long net, long peak) {

    /** {@code presentBefore}: whether a key is present before the first mutation. */
    static KeyCountChange of(List<BackendMutation> mutations, Predicate<byte[]> presentBefore) {
        TreeMap<byte[], Boolean> changed = new TreeMap<>(Arrays::compareUnsigned);
        long net = 0;
        long peak = 0;
        for (BackendMutation mutation : mutations) {
            byte[] key = mutation.key();
            Boolean known = changed.get(key);
            boolean present = known != null ? known : presentBefore.test(key);
            boolean after = !mutation.isDelete();
            if (present != after) {
                net += after ? 1 : -1;
                peak = Math.max(peak, net);
            }
            changed.put(key, after);
        }
        return new KeyCountChange(net, peak);
    }
}
