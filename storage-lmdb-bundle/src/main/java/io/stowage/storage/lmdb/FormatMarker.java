package io.stowage.storage.lmdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.UnsupportedFormatException;

/**
 * The folder's layout version, in a file beside LMDB's own: a folder of another version, or LMDB files that this
 * backend did not write, are refused and never rewritten.
 */
final class FormatMarker {

    static final String FILE = "stowage-lmdb.format";
    static final String CURRENT = "1";

    private FormatMarker() {
    }

    /** Marks a folder this backend wrote, such as a copy, as holding the current layout. */
    static void mark(Path folder) {
        try {
            Files.writeString(folder.resolve(FILE), CURRENT + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot write " + folder.resolve(FILE) + ": " + e, e);
        }
    }

    static void check(String name, Path folder) {
        Path marker = folder.resolve(FILE);
        try {
            if (Files.exists(marker)) {
                String found = Files.readString(marker, StandardCharsets.UTF_8).trim();
                if (!CURRENT.equals(found)) {
                    throw new UnsupportedFormatException("LMDB backend '" + name + "': folder " + folder
                            + " holds layout version '" + found + "', but this version reads only '" + CURRENT
                            + "'; the folder was left untouched");
                }
                return;
            }
            if (Files.exists(folder.resolve("data.mdb"))) {
                throw new UnsupportedFormatException("LMDB backend '" + name + "': folder " + folder
                        + " holds an LMDB environment that Stowage did not create (no " + FILE
                        + "); it was left untouched");
            }
            Files.writeString(marker, CURRENT + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendUnavailableException("LMDB backend '" + name + "': cannot read or write " + marker + ": "
                    + e, e);
        }
    }
}
