package io.stowage.webconsole;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/** The response to a request, as a servlet adapter hands it over. */
public interface ConsoleResponse {

    void status(int status);

    void contentType(String contentType);

    void header(String name, String value);

    /** The body as text (UTF-8): set the status, type and headers first. */
    PrintWriter writer() throws IOException;

    /** The body as bytes: set the status, type and headers first. */
    OutputStream output() throws IOException;
}
