package io.stowage.webconsole.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.servlet.http.HttpServletRequest;

/** What the jakarta adapter reads from a Web Console request: the sub-path, the root for links, the caller's rights. */
class JakartaAdapterTest {

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
        assertEquals("", new JakartaRequest(request("/stowage", null, "admin")).path());
        assertEquals("/stores/app/users/", new JakartaRequest(request("/stowage/stores/app/users/", null, "admin"))
                .path());
        assertEquals("", new JakartaRequest(request(null, null, "admin")).path());
    }

    @Test
    void linksStartAtTheConsolesRoot() {
        assertEquals("/ctx/system/console/stowage",
                new JakartaRequest(request("/stowage", "/ctx/system/console", "admin")).root());
        assertEquals("/system/console/stowage", new JakartaRequest(request("/stowage", null, "admin")).root());
    }

    @Test
    void theOneConsoleUserMayChange() {
        assertTrue(new JakartaRequest(request("/stowage", null, "viewer")).caller().mayChange());
    }

    @Test
    void theConsoleSpoolsOnlyTheBundlesResFolder() throws Exception {
        java.lang.reflect.Constructor<JakartaPlugin> constructor = JakartaPlugin.class
                .getDeclaredConstructor(io.stowage.webconsole.Console.class);
        constructor.setAccessible(true);
        JakartaPlugin plugin = constructor.newInstance(new io.stowage.webconsole.Console());
        assertNotNull(plugin.getResource("/stowage/res/stowage.js"));
        assertNull(plugin.getResource("/stowage/res/../io/stowage/webconsole/Console.class"));
        assertNull(plugin.getResource("/stowage/stores"));
        assertNull(plugin.getResource(null));
    }
}
