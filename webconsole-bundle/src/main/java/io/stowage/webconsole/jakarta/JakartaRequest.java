package io.stowage.webconsole.jakarta;

import java.io.IOException;
import java.io.InputStream;

import io.stowage.webconsole.Caller;
import io.stowage.webconsole.Console;
import io.stowage.webconsole.ConsoleRequest;
import io.stowage.webconsole.ConsoleSession;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.Part;

/** A servlet request as the console reads it. */
final class JakartaRequest implements ConsoleRequest {

    /** The request attribute both Web Console versions set to their root ({@code /system/console}). */
    private static final String APP_ROOT = "felix.webconsole.appRoot";
    private static final String PREFIX = "/" + Console.LABEL;

    private final HttpServletRequest request;
    private final Caller caller;

    JakartaRequest(HttpServletRequest request) {
        this.request = request;
        // Felix Web Console 5 admits one user, its administrator: whoever got in may change
        this.caller = () -> true;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        String path = request.getPathInfo();
        if (path == null) {
            return "";
        }
        return path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
    }

    @Override
    public String root() {
        Object appRoot = request.getAttribute(APP_ROOT);
        String root = appRoot instanceof String text ? text : request.getContextPath() + request.getServletPath();
        return root + PREFIX;
    }

    @Override
    public String parameter(String name) {
        return request.getParameter(name);
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public ConsoleSession session() {
        HttpSession session = request.getSession(true);
        return new ConsoleSession() {
            @Override
            public String attribute(String name) {
                Object value = session.getAttribute(name);
                return value instanceof String text ? text : null;
            }

            @Override
            public void attribute(String name, String value) {
                if (value == null) {
                    session.removeAttribute(name);
                } else {
                    session.setAttribute(name, value);
                }
            }
        };
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public InputStream upload(String name) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return request.getInputStream();
        }
        try {
            Part part = request.getPart(name);
            if (part == null) {
                throw new IOException("the upload has no file named " + name);
            }
            return part.getInputStream();
        } catch (ServletException | IllegalStateException e) {
            throw new IOException("this console cannot read multipart uploads (" + e.getMessage()
                    + "): POST the dump file as the raw request body instead", e);
        }
    }
}
