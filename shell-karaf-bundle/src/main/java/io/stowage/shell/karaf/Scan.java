package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "scan", description = CommandCatalog.SCAN)
public class Scan extends PagedStoreAction {

    // Karaf reads words after the first argument as arguments, so a lone "-" (open) is not taken for an option
    @Argument(index = 1, name = "from", description = CommandCatalog.SCAN_FROM)
    @Completion(KeyCompleter.class)
    String from;

    @Argument(index = 2, name = "to", description = CommandCatalog.SCAN_TO)
    @Completion(KeyCompleter.class)
    String to;

    @Override
    protected Object run() {
        return storeCommands().scan(store, from, to, limit, after);
    }
}
