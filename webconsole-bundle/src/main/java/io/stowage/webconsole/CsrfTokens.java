package io.stowage.webconsole;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One CSRF token per HTTP session: every page's forms carry it, and a POST is accepted only with the same token in
 * the form field {@value #FIELD} or the header {@value #HEADER}, compared in constant time.
 */
final class CsrfTokens {

    static final String FIELD = "csrf";
    static final String HEADER = "X-Stowage-CSRF";
    private static final String ATTRIBUTE = "io.stowage.webconsole.csrf";

    private final SecureRandom random = new SecureRandom();

    /** The session's token, made on first use. */
    String token(ConsoleSession session) {
        String token = session.attribute(ATTRIBUTE);
        if (token == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.attribute(ATTRIBUTE, token);
        }
        return token;
    }

    /** Whether the request carries its session's token. */
    boolean accepts(ConsoleRequest request) {
        String expected = request.session().attribute(ATTRIBUTE);
        String sent = request.header(HEADER);
        if (sent == null) {
            sent = request.parameter(FIELD);
        }
        if (expected == null || sent == null) {
            return false;
        }
        // MessageDigest.isEqual takes the same time whatever the first difference is (JDK 6u17 and later)
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
