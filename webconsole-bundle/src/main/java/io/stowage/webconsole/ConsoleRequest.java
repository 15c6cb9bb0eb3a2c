package io.stowage.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** A request to the plugin, as a servlet adapter hands it over. */
public interface ConsoleRequest {

    /** GET, POST, ... */
    String method();

    /** The path below the plugin's label, decoded: {@code ""} for the overview, {@code /stores}, ... */
    String path();

    /** Where the plugin's own paths start, for links: {@code /system/console/stowage}. */
    String root();

    /** A query or form parameter, or null. */
    String parameter(String name);

    /** A request header, or null. */
    String header(String name);

    /** The caller's session, created if need be. */
    ConsoleSession session();

    Caller caller();

    /**
     * The uploaded file: the multipart part of that name, or the raw body of a POST that is not multipart (for a
     * console whose servlet is not registered with multipart enabled).
     *
     * @throws IOException also when the servlet container cannot read multipart bodies
     */
    InputStream upload(String name) throws IOException;

    /** Whether the body is multipart (a form with a file), by its Content-Type. */
    default boolean isMultipart() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
