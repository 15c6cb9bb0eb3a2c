package io.stowage.features;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Karaf's interactive console as an operator's ssh client shows it: a terminal on which keys are typed, Tab among
 * them, and whose screen is read back. Only this console has a line reader, and so Tab completion: a
 * {@code bin/client} batch or an ssh command runs its commands without one.
 */
final class KarafConsole implements AutoCloseable {

    /** The terminal's control sequences (colours, cursor moves, modes), which leave the text they surround. */
    private static final Pattern CONTROLS = Pattern.compile("\u001B(\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>])|\r");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SshClient client;
    private final ClientSession session;
    private final ChannelShell shell;
    private final Screen screen = new Screen();
    private final OutputStream keyboard;

    private KarafConsole(int port, String user) throws IOException {
        client = SshClient.setUpDefaultClient();
        // The test's own Karaf, on loopback, with the host key it generated at its first start
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        session = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getClientSession();
        session.addPasswordIdentity(user);
        session.auth().verify(TIMEOUT);
        shell = session.createShellChannel();
        shell.setPtyType("xterm");
        shell.setPtyColumns(160);
        shell.setPtyLines(50);
        shell.setOut(screen);
        shell.setErr(screen);
        shell.open().verify(TIMEOUT);
        keyboard = shell.getInvertedIn();
    }

    /** Logs in as {@code user} (whose password is its name) and waits for the prompt. */
    static KarafConsole open(int port, String user) throws IOException, InterruptedException {
        KarafConsole console = new KarafConsole(port, user);
        console.awaitSince(0, text -> text.contains("@root()>"));
        return console;
    }

    /** How much the screen has shown so far, to read only what a later step adds. */
    int mark() {
        return screen.text().length();
    }

    /** Types the keys as they are: {@code \t} is Tab, {@code \r} Enter. */
    void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** What the screen shows after {@code mark}, as text, once it satisfies the condition. */
    String awaitSince(int mark, Predicate<String> condition) throws InterruptedException {
        return screen.await(text -> condition.test(text.substring(Math.min(mark, text.length()))), TIMEOUT)
                .substring(mark);
    }

    @Override
    public void close() throws IOException {
        try (client; session; shell) {
            type("logout\r");
        }
    }

    /** Everything the console wrote, which the test waits on. */
    private static final class Screen extends ByteArrayOutputStream {

        @Override
        public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, length);
            notifyAll();
        }

        synchronized String text() {
            return CONTROLS.matcher(toString(StandardCharsets.UTF_8)).replaceAll("");
        }

        synchronized String await(Predicate<String> condition, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String text;
            while (!condition.test(text = text())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the console did not show what was expected within " + timeout
                            + "; it shows:" + System.lineSeparator() + text);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return text;
        }
    }
}
