package io.stowage.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;

/**
 * Command batches sent to Karaf exactly as {@code bin/client -b} sends them (its {@code Main} reads the batch from
 * standard input and sends it as one ssh exec request, the lines joined, with an empty input), over one ssh session
 * per user that stays open: a {@code bin/client} per batch started a JVM each time, seconds apiece over the hundred
 * batches the Karaf tests send.
 */
final class KarafBatches implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final SshClient client = SshClient.setUpDefaultClient();
    private final Map<String, ClientSession> sessions = new HashMap<>();

    KarafBatches(int port) {
        this.port = port;
        // The test's own Karaf, on loopback, with the host key it generated at its first start
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /**
     * Runs the batch as {@code user} (whose password is its name); a Karaf that does not accept the login (yet) gives
     * status 1 and the reason, as {@code bin/client} does.
     */
    KarafInstance.Result run(String user, String batch, Duration timeout) throws IOException {
        try {
            return send(user, batch, timeout);
        } catch (SshException e) {
            // Karaf ended the kept session (its ssh bundle restarts while Karaf starts, for one) before the batch
            // was sent: a new login sends it
            forget(user);
            return send(user, batch, timeout);
        }
    }

    private KarafInstance.Result send(String user, String batch, Duration timeout) throws IOException {
        ClientSession session;
        try {
            session = session(user);
        } catch (IOException e) {
            return new KarafInstance.Result(1, "no ssh login as " + user + " on port " + port + ": " + e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ChannelExec channel = execChannel(session, batch + "\n")) {
            channel.setIn(new ByteArrayInputStream(new byte[0]));
            channel.setOut(output);
            channel.setErr(output);
            channel.open().verify(CONNECT_TIMEOUT);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new IllegalStateException("Karaf did not end the batch within " + timeout + ": " + batch);
            }
            Integer status = channel.getExitStatus();
            return new KarafInstance.Result(status == null ? 0 : status, output.toString(StandardCharsets.UTF_8));
        }
    }

    /** A channel for the command; a session Karaf is ending fails as a closed one does, before anything is sent. */
    private static ChannelExec execChannel(ClientSession session, String command) throws IOException {
        try {
            return session.createExecChannel(command);
        } catch (IllegalStateException closing) {
            throw new SshException("the ssh session is being closed", closing);
        }
    }

    private synchronized void forget(String user) throws IOException {
        ClientSession session = sessions.remove(user);
        if (session != null) {
            session.close();
        }
    }

    /** The user's open session, or a new one when there is none or Karaf ended it. */
    private synchronized ClientSession session(String user) throws IOException {
        ClientSession session = sessions.get(user);
        if (session != null && session.isOpen() && !session.isClosing()) {
            return session;
        }
        session = client.connect(user, "127.0.0.1", port).verify(CONNECT_TIMEOUT).getClientSession();
        try {
            session.addPasswordIdentity(user);
            session.auth().verify(CONNECT_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        sessions.put(user, session);
        return session;
    }

    @Override
    public synchronized void close() throws IOException {
        try (client) {
            for (ClientSession session : sessions.values()) {
                session.close();
            }
            sessions.clear();
        }
    }
}
