package io.stowage.shell.command;

/** A command line that does not fit its command: the message names the problem, then gives the usage line. */
public final class UsageException extends CommandFailure {

    private static final long serialVersionUID = 1L;

    UsageException(CommandSpec spec, String problem) {
        super(problem + System.lineSeparator() + "usage: " + spec.usage() + "   (stowage:" + spec.name()
                + " --help for more)");
    }
}
