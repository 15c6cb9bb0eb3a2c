package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "namespaces", description = CommandCatalog.NAMESPACES)
public class Namespaces extends StowageAction {

    @Override
    protected Object run() {
        return storeCommands().namespaces();
    }
}
