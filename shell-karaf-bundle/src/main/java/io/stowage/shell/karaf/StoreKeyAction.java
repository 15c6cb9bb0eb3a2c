package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

import io.stowage.shell.command.CommandCatalog;

/** A command on one key of a store: get, delete, ttl. Karaf reads the arguments of superclasses too. */
abstract class StoreKeyAction extends StowageAction {

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "key", description = CommandCatalog.KEY, required = true)
    @Completion(KeyCompleter.class)
    String key;
}
