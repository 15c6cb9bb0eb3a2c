package io.stowage.webconsole;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.stowage.admin.StowageAdmin;

/**
 * Registers the plugin as a Web Console {@code Servlet} service for the servlet API this bundle is wired to:
 * Jakarta for Web Console 5, else javax for Web Console 4.8 (Karaf). Web Console 5 also takes javax plugins through
 * its legacy wrappers, so with both APIs wired only the Jakarta one is registered: one plugin, no legacy warning.
 * The operator API is optional and dynamic: the plugin stays while the kernel restarts and says it is away.
 */
@Component(immediate = true)
public final class StowageConsole {

    private final Console console = new Console();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public StowageConsole(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("felix.webconsole.label", Console.LABEL);
        properties.put("felix.webconsole.title", Console.TITLE);
        properties.put("felix.webconsole.category", Console.CATEGORY);
        properties.put("felix.webconsole.css", Console.css());
        if (wired("jakarta.servlet.http.HttpServlet")) {
            registrations.add(io.stowage.webconsole.jakarta.JakartaPlugin.register(context, console, properties));
        } else if (wired("javax.servlet.http.HttpServlet")) {
            registrations.add(io.stowage.webconsole.javax.JavaxPlugin.register(context, console, properties));
        }
    }

    /** Whether this bundle sees the class, that is, its optional import of the package is wired. */
    private static boolean wired(String className) {
        try {
            Class.forName(className, false, StowageConsole.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError notWired) {
            return false;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAdmin(StowageAdmin admin) {
        console.adminCame(admin);
    }

    void unbindAdmin(StowageAdmin admin) {
        console.adminWent(admin);
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
        registrations.clear();
        console.close();
    }
}
