package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.Readiness;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "ready", description = CommandCatalog.READY)
public class Ready extends StowageAction {

    @Reference
    ConfigurationAdmin configurationAdmin;

    /** This bundle's: Karaf's framework properties name the folder FileInstall watches. */
    @Reference
    BundleContext context;

    @Option(name = "-w", aliases = "--wait", description = CommandCatalog.READY_WAIT)
    String wait;

    @Override
    protected Object run() throws InterruptedException {
        return new Readiness(admin, configurationAdmin, context).await(wait);
    }
}
