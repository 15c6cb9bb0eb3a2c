package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "delete", description = CommandCatalog.DELETE)
public class Delete extends StoreKeyAction {

    @Override
    protected Object run() {
        return storeCommands().delete(store, key);
    }
}
