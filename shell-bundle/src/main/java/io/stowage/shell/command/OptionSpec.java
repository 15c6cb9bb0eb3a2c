package io.stowage.shell.command;

/**
 * An option of a command: {@code -t}/{@code --ttl} with a value, or a flag without one.
 *
 * @param shortName the one-letter name, without the dash
 * @param longName the long name, without the dashes
 * @param valueName what the value is (shown as {@code <duration>}), or null for a flag
 * @param description one line on what it does
 */
public record OptionSpec(char shortName, String longName, String valueName, String description) {

    public boolean isFlag() {
        return valueName == null;
    }

    boolean isNamed(String word) {
        return word.equals("-" + shortName) || word.equals("--" + longName);
    }

    String synopsis() {
        return "[-" + shortName + "|--" + longName + (isFlag() ? "" : " <" + valueName + ">") + "]";
    }

    String names() {
        return "-" + shortName + ", --" + longName + (isFlag() ? "" : " <" + valueName + ">");
    }
}
