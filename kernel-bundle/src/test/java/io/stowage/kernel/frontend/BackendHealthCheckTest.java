package io.stowage.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.jupiter.api.Test;

/** One line per backend configuration; the worst line decides. */
class BackendHealthCheckTest {

    private static Result check(InstanceStatistics... rows) {
        return new BackendHealthCheck(() -> List.of(rows)).execute();
    }

    private static List<String> lines(Result result) {
        List<String> lines = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            lines.add(entry.getStatus() + " " + entry.getMessage());
        }
        return lines;
    }

    @Test
    void servingAndUnusedConfigurationsAreHealthy() {
        Result result = check(new InstanceStatistics("default", "lmdb", "1.0.0", "serving", 2, ""),
                new InstanceStatistics("volatile", "memory", "", "unused", 0, "no store is routed to it"));
        assertEquals(Result.Status.OK, result.getStatus());
        assertEquals(List.of("OK backend configuration 'default' (lmdb): up, serving on lmdb 1.0.0, 2 operations in "
                + "flight", "OK backend configuration 'volatile' (memory): unused, no store is routed to it"),
                lines(result));
    }

    @Test
    void anUpdateInProgressIsDegradedAndANeededConfigurationWithoutInstanceIsDown() {
        Result updating = check(new InstanceStatistics("default", "lmdb", "1.0.0", "serving", 0, ""),
                new InstanceStatistics("volatile", "memory", "1.1.0", "starting", 0, ""));
        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, updating.getStatus());

        Result down = check(new InstanceStatistics("shared", "redis", "", "waiting", 0,
                "start failed on redis 1.0.0: refused for lack of rights"));
        assertEquals(Result.Status.CRITICAL, down.getStatus());
        assertTrue(lines(down).get(0).contains("down, start failed on redis 1.0.0: refused for lack of rights"),
                lines(down).toString());
    }
}
