package io.stowage.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Bytes allocated by every thread, as JMH's {@code gc.alloc.rate.norm} counts them: the calling threads and any
 * they hand work to (Lettuce's event loop). A plain sum over the live threads would drop when a thread ends (a
 * finished run's helper threads), so this adds up each thread's growth since it was last read.
 */
final class AllThreadsAllocation implements LongSupplier {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> lastRead = new HashMap<>();
    private long total;

    @Override
    public long getAsLong() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                Long before = lastRead.put(ids[i], bytes[i]);
                total += bytes[i] - (before == null ? 0 : before);
            }
        }
        return total;
    }
}
