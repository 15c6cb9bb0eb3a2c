package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "move", description = CommandCatalog.MOVE)
public class Move extends StowageAction {

    @Argument(index = 0, name = "configuration", description = CommandCatalog.CONFIGURATION, required = true)
    @Completion(ConfigurationCompleter.class)
    String configuration;

    @Argument(index = 1, name = "version", description = CommandCatalog.MOVE_VERSION, required = true)
    @Completion(VersionCompleter.class)
    String version;

    @Override
    protected Object run() {
        return operatorCommands().move(configuration, version);
    }
}
