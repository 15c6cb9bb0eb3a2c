package io.stowage.launcher;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the web console listens ({@code etc/webconsole.properties}: loopback and port 8280 unless set otherwise) and
 * whether it can: a port in use turns the console off with a message, and the runtime starts without it. The values go
 * to the framework's properties, so Felix HTTP never listens on its own defaults (every interface, port 8080), not
 * even before the configuration admin is up.
 */
record WebConsoleSettings(String host, int port, Path settingsFile, ConsolePassword password,
        Optional<String> bindFailure) {

    static final String FILE_NAME = "webconsole.properties";
    static final String HOST = "org.apache.felix.http.host";
    static final String PORT = "org.osgi.service.http.port";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8280;
    static final String USER = "admin";
    static final String PATH = "/system/console";

    static WebConsoleSettings prepare(Path etc) throws StartupFailure {
        Path file = etc.resolve(FILE_NAME);
        Properties settings = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                settings.load(reader);
            } catch (IOException e) {
                throw new StartupFailure("cannot read " + file + ": " + e, e);
            }
        }
        String host = settings.getProperty(HOST, DEFAULT_HOST).strip();
        int port = port(settings.getProperty(PORT, String.valueOf(DEFAULT_PORT)).strip(), file);
        return new WebConsoleSettings(host, port, file, ConsolePassword.readOrCreate(etc),
                bindFailure(host, port));
    }

    /** Felix HTTP's and Felix Web Console's framework properties: the address, the user, the hashed password. */
    Map<String, String> frameworkProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put(HOST, host);
        properties.put(PORT, String.valueOf(port));
        properties.put("org.apache.felix.http.enable", String.valueOf(bindFailure.isEmpty()));
        properties.put("felix.webconsole.username", USER);
        properties.put("felix.webconsole.password", password.hashed());
        return properties;
    }

    String url() {
        String literal = host.contains(":") ? "[" + host + "]" : host; // an IPv6 address needs brackets in a URL
        return "http://" + literal + ":" + port + PATH;
    }

    /** What the operator reads at the prompt: where the console is and where its password is. */
    String startMessage() {
        return "Web console: " + url() + " (user " + USER + ", password in " + password.file() + ")";
    }

    /** Why the console is off, if it is. */
    Optional<String> problem() {
        return bindFailure.map(failure -> "stowage: the web console is off: cannot listen on " + host + " port " + port
                + " (" + failure + "); stop what listens there, or set another " + PORT + " in " + settingsFile
                + " and restart");
    }

    private static int port(String value, Path file) throws StartupFailure {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the file to fix
        }
        throw new StartupFailure(file + ": " + PORT + " = '" + value + "' is not a port number (1 to 65535)");
    }

    /** Binds the port for a moment, as Jetty will: a listener there already makes the bind fail. */
    private static Optional<String> bindFailure(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
