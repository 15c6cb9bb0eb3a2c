package io.stowage.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the plugin's script, style and uPlot from the bundle's {@code res/} folder, for consoles that do not spool
 * a plugin's resources themselves; only plain names, so no path leaves that folder.
 */
final class BundleResources {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z]+");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8");

    private BundleResources() {
    }

    static void serve(String name, Exchange exchange) throws IOException {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        URL resource = NAME.matcher(name).matches() && type != null
                ? BundleResources.class.getResource("/res/" + name) : null;
        if (resource == null) {
            exchange.refuse(404, "No such Stowage console resource: " + name);
            return;
        }
        exchange.response.contentType(type);
        exchange.response.header("Cache-Control", "max-age=3600");
        try (InputStream in = resource.openStream()) {
            OutputStream out = exchange.response.output();
            in.transferTo(out);
            out.flush();
        }
    }
}
