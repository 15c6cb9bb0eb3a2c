package io.stowage.storage.redis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway certificate authority and a server certificate for 127.0.0.1 and localhost, made with openssl. */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    public static TestCertificates create(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path extensions = folder.resolve("server.ext");
        Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(folder, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=Stowage test CA");
        run(folder, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost");
        run(folder, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext");
        return new TestCertificates(folder.resolve("ca.crt"), folder.resolve("server.crt"),
                folder.resolve("server.key"));
    }

    /** The redis-server options that serve TLS only, on the server's port, without client certificates. */
    public List<String> serverOptions() {
        return List.of("--tls-port", "{port}", "--tls-cert-file", serverCertificate.toString(), "--tls-key-file",
                serverKey.toString(), "--tls-ca-cert-file", caCertificate.toString(), "--tls-auth-clients", "no");
    }

    private static void run(Path folder, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("openssl.out").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: "
                    + Files.readString(folder.resolve("openssl.out")));
        }
    }
}
