package io.stowage.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.webconsole.RunningDistribution;

/**
 * The distribution's web console as the launcher sets it up: on the first start a random password, readable by its
 * owner only, and the console's URL at the prompt; loopback only; and a port in use turns the console off with a
 * message while the runtime, its prompt and its stores work as ever.
 */
class WebConsoleLauncherIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void theFirstStartMakesAnOwnerOnlyPasswordAndTheConsoleAnswersToItAlone() throws Exception {
        int port = RunningDistribution.freePort();
        Path home = RunningDistribution.copy(temp, port);
        try (RunningDistribution runtime = RunningDistribution.start(home)) {
            Path passwordFile = home.resolve("etc/webconsole.password");
            String url = "http://127.0.0.1:" + port + "/system/console";
            runtime.awaitOutput("Web console: " + url + " (user admin, password in " + passwordFile + ")", TIMEOUT);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            String password = runtime.password();
            assertTrue(password.length() >= 20, "a short password: " + password.length() + " characters");

            assertEquals(401, status(url + "/bundles", Optional.empty()));
            assertEquals(401, status(url + "/bundles", Optional.of("admin:admin")));
            assertEquals(200, status(url + "/bundles", Optional.of("admin:" + password)));
            Optional<InetAddress> external = nonLoopbackAddress();
            if (external.isPresent()) {
                assertFalse(accepts(external.get(), port), "the console listens on " + external.get());
            }
            assertEquals("", runtime.stderr());
        }
        // A second start keeps the password
        String first = Files.readString(home.resolve("etc/webconsole.password"));
        try (RunningDistribution runtime = RunningDistribution.start(home)) {
            assertEquals(first, Files.readString(home.resolve("etc/webconsole.password")));
        }
    }

    @Test
    void aPortInUseTurnsTheConsoleOffAndTheRuntimeStillServesItsStores() throws Exception {
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = occupied.getLocalPort();
            Path home = RunningDistribution.copy(temp, port);

            try (RunningDistribution runtime = RunningDistribution.start(home)) {
                runtime.type("stowage:put demo.app/busy k still-served");
                runtime.type("stowage:get demo.app/busy k");
                runtime.awaitOutput("still-served\n", TIMEOUT);

                assertEquals("stowage: the web console is off: cannot listen on 127.0.0.1 port " + port
                        + " (Address already in use); stop what listens there, or set another"
                        + " org.osgi.service.http.port in " + home.resolve("etc/webconsole.properties")
                        + " and restart\n", runtime.stderr());
                assertFalse(runtime.stdout().contains("Web console:"), runtime.stdout());
            }
        }
    }

    private int status(String url, Optional<String> credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        credentials.ifPresent(userAndPassword -> request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8))));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : List.copyOf(NetworkInterface.networkInterfaces().toList())) {
            if (network.isUp() && !network.isLoopback()) {
                Optional<InetAddress> address = network.inetAddresses()
                        .filter(Inet4Address.class::isInstance).findFirst();
                if (address.isPresent()) {
                    return address;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
