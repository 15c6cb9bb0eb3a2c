package io.stowage.webconsole;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.stowage.admin.ConfigurationInfo;

/**
 * The backends' health as the management bundle's health check computes it, from the operator API alone: one line
 * per backend configuration, the worst deciding the whole. Serving or unused is OK; starting or ending (an update
 * in progress) is temporarily unavailable; waiting or failed is critical, with the reason.
 */
record BackendHealth(Status status, List<Line> lines) {

    /** In order of severity, as Felix Health Checks rank them. */
    enum Status { OK, WARN, TEMPORARILY_UNAVAILABLE, CRITICAL }

    record Line(Status status, String text) {
    }

    static BackendHealth of(List<ConfigurationInfo> configurations) {
        List<Line> lines = new ArrayList<>();
        if (configurations.isEmpty()) {
            lines.add(new Line(Status.WARN, "no backend configuration: stores cannot be served"));
        }
        for (ConfigurationInfo configuration : configurations) {
            lines.add(new Line(status(configuration), line(configuration)));
        }
        Status worst = Status.OK;
        for (Line line : lines) {
            if (line.status().compareTo(worst) > 0) {
                worst = line.status();
            }
        }
        return new BackendHealth(worst, List.copyOf(lines));
    }

    private static Status status(ConfigurationInfo configuration) {
        return switch (configuration.state()) {
            case SERVING, UNUSED -> Status.OK;
            case STARTING, ENDING -> Status.TEMPORARILY_UNAVAILABLE;
            case WAITING, FAILED -> Status.CRITICAL;
        };
    }

    private static String line(ConfigurationInfo configuration) {
        String line = "backend configuration '" + configuration.name() + "' (" + configuration.type() + "): ";
        return switch (configuration.state()) {
            case SERVING -> line + "up, serving on " + configuration.type() + " " + configuration.version() + ", "
                    + configuration.inFlight() + " operations in flight";
            case UNUSED -> line + "unused, " + configuration.reason();
            case STARTING, ENDING -> line + "degraded, its instance is "
                    + configuration.state().name().toLowerCase(Locale.ROOT);
            case WAITING, FAILED -> line + "down, " + configuration.reason();
        };
    }
}
