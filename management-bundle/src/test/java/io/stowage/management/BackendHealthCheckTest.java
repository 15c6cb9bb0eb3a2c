package io.stowage.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.jupiter.api.Test;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.InstanceState;

/** One line per backend configuration; the worst line decides. */
class BackendHealthCheckTest {

    private static Result check(ConfigurationInfo... configurations) {
        return new BackendHealthCheck(new AnsweringAdmin().answer("configurations", args -> List.of(configurations))
                .admin()).execute();
    }

    private static ConfigurationInfo configuration(String name, String type, String version, InstanceState state,
            int inFlight, String reason) {
        return new ConfigurationInfo(name, type, "[1.0.0,2.0.0)", state, reason, "", version, List.of(), inFlight);
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
        Result result = check(configuration("default", "lmdb", "1.0.0", InstanceState.SERVING, 2, ""),
                configuration("volatile", "memory", "", InstanceState.UNUSED, 0, "no store is routed to it"));
        assertEquals(Result.Status.OK, result.getStatus());
        assertEquals(List.of("OK backend configuration 'default' (lmdb): up, serving on lmdb 1.0.0, 2 operations in "
                + "flight", "OK backend configuration 'volatile' (memory): unused, no store is routed to it"),
                lines(result));
    }

    @Test
    void anUpdateInProgressIsDegradedAndANeededConfigurationWithoutInstanceIsDown() {
        Result updating = check(configuration("default", "lmdb", "1.0.0", InstanceState.SERVING, 0, ""),
                configuration("volatile", "memory", "1.1.0", InstanceState.STARTING, 0, ""));
        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, updating.getStatus());
        assertTrue(lines(updating).get(1).endsWith("degraded, its instance is starting"), lines(updating).toString());

        Result down = check(configuration("shared", "redis", "", InstanceState.WAITING, 0,
                "start failed on redis 1.0.0: refused for lack of rights"));
        assertEquals(Result.Status.CRITICAL, down.getStatus());
        assertTrue(lines(down).get(0).contains("down, start failed on redis 1.0.0: refused for lack of rights"),
                lines(down).toString());

        Result failed = check(configuration("default", "lmdb", "", InstanceState.FAILED, 0,
                "backend configuration 'default' holds data in format '9'"));
        assertEquals(Result.Status.CRITICAL, failed.getStatus());
    }

    @Test
    void noConfigurationIsAWarning() {
        assertEquals(Result.Status.WARN, check().getStatus());
    }
}
