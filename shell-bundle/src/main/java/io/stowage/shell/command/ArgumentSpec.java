package io.stowage.shell.command;

/**
 * A positional argument of a command.
 *
 * @param name how usage lines show it, e.g. {@code namespace/store}
 * @param description one line on what it is
 * @param required whether the command needs it; optional arguments come last
 * @param candidates what Tab offers for it
 */
public record ArgumentSpec(String name, String description, boolean required, Candidates candidates) {

    String synopsis() {
        return required ? "<" + name + ">" : "[<" + name + ">]";
    }
}
