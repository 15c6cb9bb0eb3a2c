package io.stowage.shell.command;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.stowage.api.InvalidTtlException;

/** How the commands read durations and write values, lists and pages. */
public final class ShellText {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private ShellText() {
    }

    /** 30s, 500ms, 5m, 1h, 2d, or ISO-8601 such as PT30S. */
    static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidTtlException("TTL '" + text + "' is not a duration: use e.g. 30s, 500ms, 5m, 1h, 2d or PT30S");
        }
    }

    /** A page size as typed, or 100 when none was given. */
    static int parseLimit(String text) {
        return text == null ? 100 : parsePageSize("--limit", text);
    }

    /** A page size typed for {@code option}: a whole number from 1 (the API it goes to names its own maximum). */
    static int parsePageSize(String option, String text) {
        try {
            int size = Integer.parseInt(text.trim());
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new CommandFailure(option + " '" + text + "' is not a page size: use a whole number from 1");
    }

    /** Whole seconds, or milliseconds below one: "30 s", "500 ms". */
    static String seconds(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }

    /** Text when the value is valid UTF-8 without control characters, else hex. */
    static String render(byte[] value) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            if (text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t')) {
                return text;
            }
        } catch (CharacterCodingException binary) {
            // shown as hex below
        }
        return "0x" + HexFormat.of().formatHex(value);
    }

    static String lines(List<String> items, String whenEmpty) {
        return items.isEmpty() ? whenEmpty : String.join(System.lineSeparator(), items);
    }

    static String page(List<String> items, String continuation, String whenEmpty) {
        String body = lines(items, whenEmpty);
        return continuation == null ? body
                : body + System.lineSeparator() + "... more: continue with --after '" + continuation + "'";
    }

    /** Bytes in binary units with one decimal from 1 KiB on: 512 B, 1.5 KiB, 20.0 MiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Nanoseconds with three significant digits in the largest unit below them: 412ns, 3.10us, 12.4ms, 2.00s. */
    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        double value = nanos / 1_000.0;
        String unit = "us";
        if (value >= 1_000) {
            value /= 1_000;
            unit = "ms";
        }
        if (value >= 1_000) {
            value /= 1_000;
            unit = "s";
        }
        String digits = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, digits, value) + unit;
    }
}
