package io.stowage.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The web console's admin password: made at random on the first start into a file that only its owner may read, and
 * read from there on every later start. There is no default password, so no install ever answers to admin/admin.
 */
record ConsolePassword(Path file, String password, boolean madeNow) {

    static final String FILE_NAME = "webconsole.password";
    private static final int RANDOM_BYTES = 18; // 144 bits: 24 characters of URL-safe Base64

    /**
     * @param etc the folder of the operator's configuration files
     * @throws StartupFailure if the file cannot be made or read, or is empty
     */
    static ConsolePassword readOrCreate(Path etc) throws StartupFailure {
        Path file = etc.resolve(FILE_NAME);
        try {
            if (Files.notExists(file)) {
                String password = newPassword();
                if (create(file, password)) {
                    return new ConsolePassword(file, password, true);
                }
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new StartupFailure(file + " is empty; delete it and a new web console password is made");
            }
            return new ConsolePassword(file, password, false);
        } catch (IOException e) {
            throw new StartupFailure("cannot make or read the web console password " + file + ": " + e, e);
        }
    }

    /**
     * The password as Felix Web Console's {@code password} setting takes it hashed ({@code {sha-256}} and the
     * Base64 digest): the plain password never reaches the framework's properties or the configuration admin.
     */
    String hashed() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return "{sha-256}" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Creates the file owner-only from its first byte on; false if another start made it meanwhile. */
    private static boolean create(Path file, String password) throws IOException {
        try {
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return true;
    }
}
