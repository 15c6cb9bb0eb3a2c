package io.stowage.kernel.frontend;

import java.util.List;
import java.util.function.Supplier;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;

/**
 * The backends' health as a Felix Health Check ({@code hc.name} {@value #NAME}, tag {@value #TAG}): one line per
 * backend configuration, the worst deciding the check's status. Serving or unused is OK; starting or ending (an
 * update in progress) is temporarily unavailable; a configuration some store needs without a serving instance is
 * critical, with the reason.
 */
public final class BackendHealthCheck implements HealthCheck {

    public static final String NAME = "Stowage backends";
    public static final String TAG = "stowage";

    private final Supplier<List<InstanceStatistics>> instances;

    public BackendHealthCheck(Supplier<List<InstanceStatistics>> instances) {
        this.instances = instances;
    }

    @Override
    public Result execute() {
        ResultLog log = new ResultLog();
        List<InstanceStatistics> rows = instances.get();
        if (rows.isEmpty()) {
            log.add(new ResultLog.Entry(Result.Status.WARN, "no backend configuration: stores cannot be served"));
        }
        for (InstanceStatistics row : rows) {
            log.add(new ResultLog.Entry(status(row), line(row)));
        }
        return new Result(log);
    }

    private static Result.Status status(InstanceStatistics row) {
        return switch (row.state()) {
            case SERVING, UNUSED -> Result.Status.OK;
            case STARTING, ENDING -> Result.Status.TEMPORARILY_UNAVAILABLE;
            case WAITING, FAILED -> Result.Status.CRITICAL;
        };
    }

    private static String line(InstanceStatistics row) {
        String line = "backend configuration '" + row.getConfiguration() + "' (" + row.getType() + "): ";
        return switch (row.state()) {
            case SERVING -> line + "up, serving on " + row.getType() + " " + row.getVersion() + ", "
                    + row.getInFlight() + " operations in flight";
            case UNUSED -> line + "unused, " + row.getReason();
            case STARTING, ENDING -> line + "degraded, its instance is " + row.getState();
            case WAITING, FAILED -> line + "down, " + row.getReason();
        };
    }
}
