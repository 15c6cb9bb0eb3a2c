package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "get", description = CommandCatalog.GET)
public class Get extends StoreKeyAction {

    @Override
    protected Object run() {
        return storeCommands().get(store, key);
    }
}
