package io.stowage.webconsole.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

import org.junit.jupiter.api.Test;

import javax.servlet.http.HttpServletRequest;

/** What the javax adapter reads from a Web Console request: the sub-path, the root for links, the caller's rights. */
class JavaxAdapterTest {

    /** A request as the Web Console passes it to a plugin: servlet path /system/console, path info /stowage/... */
    private static HttpServletRequest request(String pathInfo, String appRoot, String role) {
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("getPathInfo", pathInfo);
        answers.put("getContextPath", "");
        answers.put("getServletPath", "/system/console");
        answers.put("getMethod", "GET");
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> "felix.webconsole.appRoot".equals(args[0]) ? appRoot : null;
                    case "isUserInRole" -> role.equals(args[0]);
                    default -> {
                        if (!answers.containsKey(method.getName())) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        yield answers.get(method.getName());
                    }
                });
    }

    @Test
    void thePathIsWhatFollowsTheLabel() {
        assertEquals("", new JavaxRequest(request("/stowage", null, "admin")).path());
        assertEquals("/stores/app/users/", new JavaxRequest(request("/stowage/stores/app/users/", null, "admin"))
                .path());
        assertEquals("", new JavaxRequest(request(null, null, "admin")).path());
    }

    @Test
    void linksStartAtTheConsolesRoot() {
        assertEquals("/ctx/system/console/stowage",
                new JavaxRequest(request("/stowage", "/ctx/system/console", "admin")).root());
        assertEquals("/system/console/stowage", new JavaxRequest(request("/stowage", null, "admin")).root());
    }

    /** A request as Karaf's console passes it: no role for isUserInRole, the login's subject in an attribute. */
    private static HttpServletRequest karafRequest(Subject subject) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> KarafRoles.SUBJECT_ATTRIBUTE.equals(args[0]) ? subject : null;
                    case "isUserInRole" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void inKarafTheLoginsRoleAdminMayChangeThoughIsUserInRoleSaysNo() {
        Subject admin = new Subject(true, Set.of(new UserPrincipal("karaf"), new GroupPrincipal("admingroup"),
                new RolePrincipal("admin"), new RolePrincipal("viewer")), Set.of(), Set.of());
        Subject viewer = new Subject(true, Set.of(new UserPrincipal("watcher"), new RolePrincipal("viewer")),
                Set.of(), Set.of());
        assertTrue(new JavaxRequest(karafRequest(admin)).caller().mayChange());
        assertFalse(new JavaxRequest(karafRequest(viewer)).caller().mayChange());
    }

    @Test
    void elsewhereOnlyTheAdminRoleMayChange() {
        assertTrue(new JavaxRequest(request("/stowage", null, "admin")).caller().mayChange());
        assertFalse(new JavaxRequest(request("/stowage", null, "viewer")).caller().mayChange());
    }

    @Test
    void theConsoleSpoolsOnlyTheBundlesResFolder() throws Exception {
        java.lang.reflect.Constructor<JavaxPlugin> constructor = JavaxPlugin.class
                .getDeclaredConstructor(io.stowage.webconsole.Console.class);
        constructor.setAccessible(true);
        JavaxPlugin plugin = constructor.newInstance(new io.stowage.webconsole.Console());
        assertNotNull(plugin.getResource("/stowage/res/stowage.js"));
        assertNull(plugin.getResource("/stowage/res/../io/stowage/webconsole/Console.class"));
        assertNull(plugin.getResource("/stowage/stores"));
        assertNull(plugin.getResource(null));
    }
}
