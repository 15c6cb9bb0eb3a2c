package io.stowage.webconsole.javax;

import java.util.Optional;

import javax.security.auth.Subject;

/**
 * The roles of the user Karaf's Web Console logged in: its JaasSecurityProvider leaves the JAAS subject on the
 * request, and the subject holds the user's roles (groups already expanded) as Karaf's role principals. Karaf's
 * console answers {@code isUserInRole} with false for every role and authorizes every role through
 * {@code org.apache.felix.webconsole.User}, so the subject is the only place that knows (docs/architecture.md,
 * "Web Console in Karaf").
 */
final class KarafRoles {

    /** {@code KarafOsgiManager.SUBJECT_RUN_AS}: the request attribute holding the logged-in user's subject. */
    static final String SUBJECT_ATTRIBUTE = "karaf.subject.runas";
    /** Compared by name, as Karaf's provider does, so that the bundle needs no Karaf package where there is none. */
    static final String ROLE_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.RolePrincipal";

    private KarafRoles() {
    }

    /**
     * Whether the subject in the request attribute {@code attribute} holds {@code role}; empty when the attribute
     * holds no subject, as outside Karaf's console.
     */
    static Optional<Boolean> holds(Object attribute, String role) {
        if (!(attribute instanceof Subject subject)) {
            return Optional.empty();
        }
        return Optional.of(subject.getPrincipals().stream()
                .anyMatch(principal -> principal.getClass().getName().equals(ROLE_PRINCIPAL)
                        && role.equals(principal.getName())));
    }
}
