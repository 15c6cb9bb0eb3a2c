package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "hotcopy", description = CommandCatalog.HOTCOPY)
public class HotCopy extends StowageAction {

    @Argument(index = 0, name = "configuration", description = CommandCatalog.CONFIGURATION, required = true)
    @Completion(ConfigurationCompleter.class)
    String configuration;

    @Argument(index = 1, name = "folder", description = CommandCatalog.HOTCOPY_FOLDER, required = true)
    @Completion(FileCompleter.class)
    String folder;

    @Override
    protected Object run() {
        return operatorCommands().hotcopy(configuration, folder);
    }
}
