package io.stowage.management;

import java.util.List;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.StowageAdmin;

/**
 * The backends' health as a Felix Health Check ({@code hc.name} {@value #NAME}, tag {@value #TAG}): one line per
 * backend configuration, the worst deciding the check's status. Serving or unused is OK; starting or ending (an
 * update in progress) is temporarily unavailable; a configuration some store needs without a serving instance is
 * critical, with the reason.
 */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=" + BackendHealthCheck.NAME,
        HealthCheck.TAGS + "=" + BackendHealthCheck.TAG})
public final class BackendHealthCheck implements HealthCheck {

    static final String NAME = "Stowage backends";
    static final String TAG = "stowage";

    private final StowageAdmin admin;

    @Activate
    public BackendHealthCheck(@Reference StowageAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Result execute() {
        ResultLog log = new ResultLog();
        List<ConfigurationInfo> configurations = admin.configurations();
        if (configurations.isEmpty()) {
            log.add(new ResultLog.Entry(Result.Status.WARN, "no backend configuration: stores cannot be served"));
        }
        for (ConfigurationInfo configuration : configurations) {
            log.add(new ResultLog.Entry(status(configuration), line(configuration)));
        }
        return new Result(log);
    }

    private static Result.Status status(ConfigurationInfo configuration) {
        return switch (configuration.state()) {
            case SERVING, UNUSED -> Result.Status.OK;
            case STARTING, ENDING -> Result.Status.TEMPORARILY_UNAVAILABLE;
            case WAITING, FAILED -> Result.Status.CRITICAL;
        };
    }

    private static String line(ConfigurationInfo configuration) {
        String line = "backend configuration '" + configuration.name() + "' (" + configuration.type() + "): ";
        return switch (configuration.state()) {
            case SERVING -> line + "up, serving on " + configuration.type() + " " + configuration.version() + ", "
                    + configuration.inFlight() + " operations in flight";
            case UNUSED -> line + "unused, " + configuration.reason();
            case STARTING, ENDING -> line + "degraded, its instance is " + InstanceStatistics.state(configuration);
            case WAITING, FAILED -> line + "down, " + configuration.reason();
        };
    }
}
