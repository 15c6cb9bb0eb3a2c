package io.stowage.webconsole.jakarta;

import java.io.IOException;
import java.net.URL;
import java.util.Dictionary;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.stowage.webconsole.Console;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The plugin as a {@code jakarta.servlet.Servlet}: hands every request to the servlet-free {@link Console}. */
public final class JakartaPlugin extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String RESOURCES = "/" + Console.LABEL + "/res/";

    private final transient Console console;

    private JakartaPlugin(Console console) {
        this.console = console;
    }

    /** Registers the plugin with the Web Console's service properties. */
    public static ServiceRegistration<?> register(BundleContext context, Console console,
            Dictionary<String, ?> properties) {
        return context.registerService(Servlet.class.getName(), new JakartaPlugin(console), properties);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        console.handle(new JakartaRequest(request), new JakartaResponse(response));
    }

    /**
     * The Web Console's convention for a plugin's static files: it spools what this finds for a path under
     * {@code /stowage/res/} itself (the bundle's {@code res/} folder), caching headers included.
     */
    public URL getResource(String path) {
        if (path == null || !path.startsWith(RESOURCES) || path.contains("..")) {
            return null;
        }
        return JakartaPlugin.class.getResource(path.substring(Console.LABEL.length() + 1));
    }
}
