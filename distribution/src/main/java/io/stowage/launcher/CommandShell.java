package io.stowage.launcher;

/** Runs one command line and renders its result as the interactive shell would. */
interface CommandShell {

    /** @throws Exception whatever the command threw; the command failed */
    Object execute(String commandLine) throws Exception;

    CharSequence format(Object result);
}
