package io.stowage.kernel.admin;

import java.time.Duration;

import io.stowage.admin.Latencies;
import io.stowage.admin.Traffic;
import io.stowage.kernel.metrics.LatencyDistribution;
import io.stowage.kernel.metrics.TrafficSnapshot;

/** The kernel's traffic snapshot as the operator API shows it. */
final class TrafficFigures {

    private TrafficFigures() {
    }

    static Traffic of(TrafficSnapshot s) {
        return new Traffic(s.reads(), s.misses(), s.writes(), s.deletes(), s.listings(), s.errors(), s.bytesRead(),
                s.bytesWritten(), latencies(s.readLatency()), latencies(s.writeLatency()),
                Duration.ofNanos(s.windowNanos()));
    }

    static Latencies latencies(LatencyDistribution distribution) {
        if (distribution.count() == 0) {
            return new Latencies(0, 0, 0, 0, 0, 0);
        }
        return new Latencies(distribution.count(), distribution.valueAt(0.50), distribution.valueAt(0.90),
                distribution.valueAt(0.99), distribution.valueAt(0.999), distribution.max());
    }
}
