package io.stowage.webconsole.javax;

import java.io.IOException;
import java.io.InputStream;

import io.stowage.webconsole.Caller;
import io.stowage.webconsole.ConsoleRequest;
import io.stowage.webconsole.ConsoleSession;
import io.stowage.webconsole.ServletRequests;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;
import javax.servlet.http.Part;

/** A servlet request as the console reads it. */
final class JavaxRequest implements ConsoleRequest {

    /** The role that changes Stowage in Karaf, as in the stowage: commands' ACL. */
    private static final String ADMIN_ROLE = "admin";

    private final HttpServletRequest request;
    private final Caller caller;

    JavaxRequest(HttpServletRequest request) {
        this.request = request;
        // Karaf's JAAS role admin changes, viewer only reads; Karaf's console answers isUserInRole with false for
        // every role, so its login subject decides where there is one (see KarafRoles)
        this.caller = () -> KarafRoles.holds(request.getAttribute(KarafRoles.SUBJECT_ATTRIBUTE), ADMIN_ROLE)
                .orElseGet(() -> request.isUserInRole(ADMIN_ROLE));
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
