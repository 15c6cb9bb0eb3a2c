package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "instances", description = CommandCatalog.INSTANCES)
public class Instances extends StowageAction {

    @Override
    protected Object run() {
        return operatorCommands().instances();
    }
}
