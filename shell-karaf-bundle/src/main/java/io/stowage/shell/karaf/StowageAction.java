package io.stowage.shell.karaf;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.stowage.admin.StowageAdmin;
import io.stowage.shell.command.CommandFailure;
import io.stowage.shell.command.Failures;
import io.stowage.shell.command.OperatorCommands;
import io.stowage.shell.command.StoreCommands;

/**
 * What every {@code stowage:} command does in Karaf around its logic. It prints its result and returns nothing, as
 * Karaf's own commands do: Karaf's ssh and {@code bin/client} sessions never print what a command returns, and Gogo
 * gives {@code (stowage:get ...)} the text a command printed when it returns nothing, so scripts get the value too. A
 * failure the user can act on becomes Karaf's {@link CommandException}, which Karaf shows as one line and logs at
 * DEBUG only; an unexpected one keeps its class, and Karaf logs it at ERROR with its stack trace.
 */
public abstract class StowageAction implements Action {

    /** Karaf's {@code log:exception-display} shows the last exception Karaf logged: this one's stack trace. */
    static final String WHERE_LOGGED = "its stack trace is in the log: log:exception-display";

    private static final Logger LOG = LoggerFactory.getLogger(StowageAction.class);

    @Reference
    StowageAdmin admin;

    @Override
    public final Object execute() throws Exception {
        Object result;
        try {
            result = run();
        } catch (Exception e) {
            throw failure(e);
        }
        // System.out is this command's own output in Karaf: the session, a pipe, or the text (...) captures
        System.out.println(result);
        return null;
    }

    /** The command's result, as text or a number, for the operator to read. */
    protected abstract Object run() throws Exception;

    StoreCommands storeCommands() {
        return new StoreCommands(admin);
    }

    OperatorCommands operatorCommands() {
        return new OperatorCommands(admin);
    }

    /** {@code stowage:put}, from the class's {@code @Command}. */
    String qualifiedName() {
        Command command = getClass().getAnnotation(Command.class);
        return command.scope() + ":" + command.name();
    }

    Exception failure(Exception error) {
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Optional<CommandFailure> expected = Failures.expected(error);
        if (expected.isPresent()) {
            String message = expected.get().getMessage();
            LOG.debug("{} failed: {}", qualifiedName(), message);
            return new CommandException(message, error);
        }
        return Failures.unexpected(error, WHERE_LOGGED);
    }
}
