package io.stowage.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code stowage:} command takes: its options and its positional arguments, in order. Both shells' front ends
 * describe their commands with it; it gives the usage line, the help text, the check of the argument count, and which
 * argument a word of a command line is, for completion.
 *
 * @param name the command's name without its scope, e.g. {@code put}
 * @param description one line on what the command does
 */
public record CommandSpec(String name, String description, List<OptionSpec> options, List<ArgumentSpec> arguments) {

    public CommandSpec {
        options = List.copyOf(options);
        arguments = List.copyOf(arguments);
    }

    public String qualifiedName() {
        return CommandCatalog.SCOPE + ":" + name;
    }

    /** {@code stowage:put [-t|--ttl <duration>] <namespace/store> <key> <value>} */
    public String usage() {
        StringBuilder usage = new StringBuilder(qualifiedName());
        options.forEach(option -> usage.append(' ').append(option.synopsis()));
        arguments.forEach(argument -> usage.append(' ').append(argument.synopsis()));
        return usage.toString();
    }

    /** The description, the usage line, then a line per option and per argument. */
    public String help() {
        StringBuilder help = new StringBuilder(qualifiedName()).append(" - ").append(description)
                .append(System.lineSeparator()).append("usage: ").append(usage());
        if (!options.isEmpty()) {
            help.append(System.lineSeparator()).append("options:");
            options.forEach(option -> help.append(System.lineSeparator())
                    .append(String.format("  %-26s %s", option.names(), option.description())));
        }
        if (!arguments.isEmpty()) {
            help.append(System.lineSeparator()).append("arguments:");
            arguments.forEach(argument -> help.append(System.lineSeparator())
                    .append(String.format("  %-26s %s%s", argument.name(), argument.description(),
                            argument.required() ? "" : " (optional)")));
        }
        return help.toString();
    }

    /**
     * Checks the positional arguments a shell passed after parsing the options it knows.
     *
     * @throws UsageException naming the problem, with the usage line, for a wrong count or an unknown option
     */
    public List<String> check(List<String> positional) {
        for (String word : positional) {
            if (looksLikeOption(word)) {
                throw new UsageException(this, "unknown option " + word);
            }
        }
        long required = arguments.stream().filter(ArgumentSpec::required).count();
        boolean tooFew = positional.size() < required;
        boolean tooMany = positional.size() > arguments.size();
        if (tooFew || tooMany) {
            throw new UsageException(this, String.format("%s %s, got %d", qualifiedName(), expected(required),
                    positional.size()));
        }
        return positional;
    }

    /** Whether {@code --help} or {@code -h} is among the words, which then ask for {@link #help()}. */
    public static boolean asksForHelp(List<String> words) {
        return words.contains("--help") || words.contains("-h");
    }

    private String expected(long required) {
        String names = String.join(" ", arguments.stream().map(ArgumentSpec::synopsis).toList());
        if (required == arguments.size()) {
            return arguments.isEmpty() ? "takes no argument"
                    : "takes " + required + (required == 1 ? " argument" : " arguments") + " (" + names + ")";
        }
        return "takes " + required + " to " + arguments.size() + " arguments (" + names + ")";
    }

    /** A word starting with a dash and a letter; a lone "-" (an open bound, say) or a negative number is not. */
    private boolean looksLikeOption(String word) {
        String name = word.startsWith("--") ? word.substring(2) : word.startsWith("-") ? word.substring(1) : "";
        return !name.isEmpty() && Character.isLetter(name.charAt(0)) && options.stream().noneMatch(o -> o.isNamed(word));
    }

    /**
     * What the word at {@code index} of a command line is, for completion: the value of an option, a positional
     * argument, or an option name.
     *
     * @param words the command line's words, the command itself first
     * @param index the index of the word being completed
     */
    public Optional<ArgumentSpec> argumentAt(List<String> words, int index) {
        int position = 0;
        for (int i = 1; i < index && i < words.size(); i++) {
            String word = words.get(i);
            Optional<OptionSpec> option = options.stream().filter(o -> o.isNamed(word)).findFirst();
            if (option.isPresent()) {
                if (!option.get().isFlag()) {
                    i++; // its value
                    if (i == index) {
                        return Optional.empty();
                    }
                }
            } else {
                position++;
            }
        }
        return position < arguments.size() ? Optional.of(arguments.get(position)) : Optional.empty();
    }

    /** The positional words of a command line (the command itself first), skipping options and their values. */
    public List<String> positional(List<String> words) {
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            Optional<OptionSpec> option = options.stream().filter(o -> o.isNamed(word)).findFirst();
            if (option.isPresent()) {
                i += option.get().isFlag() ? 0 : 1;
            } else {
                positional.add(word);
            }
        }
        return positional;
    }
}
