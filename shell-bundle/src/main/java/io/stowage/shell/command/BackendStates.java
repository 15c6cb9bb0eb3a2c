package io.stowage.shell.command;

import java.util.Locale;

import io.stowage.admin.ConfigurationInfo;

/** A backend configuration's state in words: serving on which extension, or why not. */
final class BackendStates {

    private BackendStates() {
    }

    /** The state with the serving instance's capabilities, as {@code stowage:backends} lists it. */
    static String describe(ConfigurationInfo configuration) {
        return switch (configuration.state()) {
            case SERVING -> brief(configuration) + " " + configuration.capabilities();
            default -> brief(configuration);
        };
    }

    /** The state and, where it is not serving, why. */
    static String brief(ConfigurationInfo configuration) {
        return switch (configuration.state()) {
            case SERVING -> "serving on " + configuration.type() + " " + configuration.version();
            case STARTING, ENDING -> configuration.state().name().toLowerCase(Locale.ROOT) + " on "
                    + configuration.type() + " " + configuration.version();
            case FAILED -> "failed: " + configuration.reason();
            case WAITING -> configuration.startError().isEmpty()
                    ? "waiting: no " + configuration.type() + " extension in " + configuration.versions()
                            + " is installed"
                    : "start failed " + configuration.startError();
            case UNUSED -> "unused: no store is routed to it";
        };
    }
}
