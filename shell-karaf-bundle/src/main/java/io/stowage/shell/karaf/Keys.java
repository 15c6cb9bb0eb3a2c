package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "keys", description = CommandCatalog.KEYS)
public class Keys extends PagedStoreAction {

    @Argument(index = 1, name = "glob", description = CommandCatalog.KEYS_GLOB, required = true)
    String glob;

    @Override
    protected Object run() {
        return storeCommands().keys(store, glob, limit, after);
    }
}
