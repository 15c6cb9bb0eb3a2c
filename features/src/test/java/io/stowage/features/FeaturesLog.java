package io.stowage.features;

import java.util.List;

/** What Karaf's features service logs about an install: the bundles it refreshes, and each line's message. */
final class FeaturesLog {

    private FeaturesLog() {
    }

    /** The lines under "Refreshing bundles:", one per bundle refreshed with why; none if nothing was. */
    static List<String> refreshed(List<String> lines) {
        int heading = lines.stream().map(String::strip).toList().indexOf("Refreshing bundles:");
        if (heading < 0) {
            return List.of();
        }
        return lines.subList(heading + 1, lines.size()).stream().takeWhile(line -> line.startsWith(" ")).toList();
    }

    /** A line of Karaf's log without its time, level, thread, logger and bundle: the message as logged. */
    static String message(String line) {
        int last = line.lastIndexOf(" | ");
        return last < 0 ? line : line.substring(last + " | ".length());
    }
}
