package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "migrate", description = CommandCatalog.MIGRATE)
public class Migrate extends StowageAction {

    @Option(name = "-k", aliases = "--keep", description = CommandCatalog.MIGRATE_KEEP)
    boolean keep;

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "target", description = CommandCatalog.MIGRATE_TARGET, required = true)
    @Completion(ConfigurationCompleter.class)
    String target;

    @Override
    protected Object run() throws InterruptedException {
        // A line a second while the copy runs, on this command's output (Ctrl-C cancels the migration)
        return operatorCommands().migrate(store, target, keep, System.out::println);
    }
}
