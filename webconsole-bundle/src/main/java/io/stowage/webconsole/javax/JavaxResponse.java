package io.stowage.webconsole.javax;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

import io.stowage.webconsole.ConsoleResponse;
import javax.servlet.http.HttpServletResponse;

/** A servlet response as the console writes it. */
final class JavaxResponse implements ConsoleResponse {

    private final HttpServletResponse response;

    JavaxResponse(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public void status(int status) {
        response.setStatus(status);
    }

    @Override
    public void contentType(String contentType) {
        response.setContentType(contentType);
    }

    @Override
    public void header(String name, String value) {
        response.setHeader(name, value);
    }

    @Override
    public PrintWriter writer() throws IOException {
        response.setCharacterEncoding("UTF-8");
        return response.getWriter();
    }

    @Override
    public OutputStream output() throws IOException {
        return response.getOutputStream();
    }
}
