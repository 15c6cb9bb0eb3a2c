package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "sweep", description = CommandCatalog.SWEEP)
public class Sweep extends StowageAction {

    @Override
    protected Object run() {
        return operatorCommands().sweep();
    }
}
