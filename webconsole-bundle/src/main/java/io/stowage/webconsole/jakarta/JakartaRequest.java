package io.stowage.webconsole.jakarta;

import java.io.IOException;
import java.io.InputStream;

import io.stowage.webconsole.Caller;
import io.stowage.webconsole.ConsoleRequest;
import io.stowage.webconsole.ConsoleSession;
import io.stowage.webconsole.ServletRequests;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.Part;

/** A servlet request as the console reads it. */
final class JakartaRequest implements ConsoleRequest {

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
        return ServletRequests.path(request.getPathInfo());
    }

    @Override
    public String root() {
        return ServletRequests.root(request.getAttribute(ServletRequests.APP_ROOT),
                request.getContextPath() + request.getServletPath());
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
        return ServletRequests.session(session::getAttribute, session::setAttribute, session::removeAttribute);
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public InputStream upload(String name) throws IOException {
        if (!isMultipart()) {
            return request.getInputStream();
        }
        try {
            Part part = request.getPart(name);
            if (part == null) {
                throw ServletRequests.noFile(name);
            }
            return part.getInputStream();
        } catch (ServletException | IllegalStateException e) {
            throw ServletRequests.multipartUnreadable(e);
        }
    }
}
