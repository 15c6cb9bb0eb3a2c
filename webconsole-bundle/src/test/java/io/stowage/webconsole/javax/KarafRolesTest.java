package io.stowage.webconsole.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

/** The subject as Karaf's PropertiesLoginModule builds it: the user, its groups and every role, groups' included. */
class KarafRolesTest {

    @Test
    void anAdminOfKarafsAdminGroupHoldsAdmin() {
        Subject admin = subject(new UserPrincipal("karaf"), new GroupPrincipal("admingroup"), new RolePrincipal("admin"),
                new RolePrincipal("manager"), new RolePrincipal("viewer"), new RolePrincipal("ssh"));
        assertEquals(Optional.of(true), KarafRoles.holds(admin, "admin"));
    }

    @Test
    void aViewerDoesNot() {
        Subject viewer = subject(new UserPrincipal("watcher"), new RolePrincipal("viewer"), new RolePrincipal("ssh"));
        assertEquals(Optional.of(false), KarafRoles.holds(viewer, "admin"));
        assertEquals(Optional.of(true), KarafRoles.holds(viewer, "viewer"));
    }

    @Test
    void onlyARolePrincipalCountsNotAUserOrGroupOfThatName() {
        Subject named = subject(new UserPrincipal("admin"), new GroupPrincipal("admin"), new RolePrincipal("viewer"));
        assertEquals(Optional.of(false), KarafRoles.holds(named, "admin"));
    }

    @Test
    void withoutASubjectItDoesNotKnow() {
        assertEquals(Optional.empty(), KarafRoles.holds(null, "admin"));
        assertEquals(Optional.empty(), KarafRoles.holds("karaf", "admin"));
    }

    private static Subject subject(java.security.Principal... principals) {
        return new Subject(true, Set.of(principals), Set.of(), Set.of());
    }
}
