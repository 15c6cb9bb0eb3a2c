package io.stowage.webconsole;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request as a servlet adapter would hand it to the console, and the response the console writes into. */
final class FakeExchange implements ConsoleRequest, ConsoleResponse {

    static final String ROOT = "/system/console/stowage";

    final Map<String, String> parameters = new HashMap<>();
    final Map<String, String> headers = new HashMap<>();
    final Map<String, String> sessionAttributes;
    final Map<String, String> responseHeaders = new HashMap<>();
    private final String method;
    private final String path;
    boolean mayChange = true;
    byte[] body = new byte[0];
    int status = 200;
    String contentType;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    FakeExchange(String method, String path, Map<String, String> session) {
        this.method = method;
        this.path = path;
        this.sessionAttributes = session;
    }

    FakeExchange parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    String body() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String root() {
        return ROOT;
    }

    @Override
    public String parameter(String name) {
        return parameters.get(name);
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public ConsoleSession session() {
        return new ConsoleSession() {
            @Override
            public String attribute(String name) {
                return sessionAttributes.get(name);
            }

            @Override
            public void attribute(String name, String value) {
                if (value == null) {
                    sessionAttributes.remove(name);
                } else {
                    sessionAttributes.put(name, value);
                }
            }
        };
    }

    @Override
    public Caller caller() {
        return () -> mayChange;
    }

    @Override
    public InputStream upload(String name) {
        return new ByteArrayInputStream(body);
    }

    @Override
    public void status(int status) {
        this.status = status;
    }

    @Override
    public void contentType(String contentType) {
        this.contentType = contentType;
    }

    @Override
    public void header(String name, String value) {
        responseHeaders.put(name, value);
    }

    @Override
    public PrintWriter writer() {
        return new PrintWriter(written, true, StandardCharsets.UTF_8);
    }

    @Override
    public OutputStream output() {
        return written;
    }
}
