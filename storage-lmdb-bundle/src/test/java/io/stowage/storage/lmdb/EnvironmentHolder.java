package io.stowage.storage.lmdb;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;

/**
 * A second process of {@link LmdbCrashTest} that keeps an LMDB environment open, read-only and without transactions,
 * as a backup or inspection tool would. While any process has the environment open, LMDB keeps its reader table,
 * so the reader slots of a killed writer stay behind until someone clears them; when nobody has it open, the next
 * open re-initialises the table and there is nothing to clear.
 *
 * <p>Argument: the environment's folder. Commands on stdin, one reply each on stdout: {@code open} ("open"),
 * {@code check} ("stale n": LMDB's reader check, which clears and counts slots of dead processes), {@code close}
 * ("closed"). It ends at the end of stdin.
 */
public final class EnvironmentHolder {

    private EnvironmentHolder() {
    }

    public static void main(String[] args) throws IOException {
        File folder = new File(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        Env<ByteBuffer> env = null;
        for (String command; (command = in.readLine()) != null;) {
            switch (command) {
                case "open" -> {
                    env = Env.create().setMaxDbs(1).open(folder, EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOTLS);
                    System.out.println("open");
                }
                case "check" -> System.out.println("stale " + env.readerCheck());
                case "close" -> {
                    env.close();
                    env = null;
                    System.out.println("closed");
                }
                default -> System.out.println("unknown command " + command);
            }
            System.out.flush();
        }
        if (env != null) {
            env.close();
        }
    }
}
