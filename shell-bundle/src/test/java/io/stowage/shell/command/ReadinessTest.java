package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.InstanceState;

/**
 * Ready once every file of the watched folder is a configuration, the kernel knows every backend configuration among
 * them, and none is starting or ending; until then, each thing still pending is named.
 */
class ReadinessTest {

    @TempDir
    Path etc;

    /** Configurations by the file they came from, as FileInstall records it. */
    private final Map<String, Configuration> applied = new HashMap<>();
    private final List<ConfigurationInfo> kernelKnows = new ArrayList<>();
    private final Bundle kernel = proxy(Bundle.class, (method, args) -> null);
    /** FileInstall watchers of other folders, such as deploy/. */
    private final List<Configuration> watchers = new ArrayList<>();
    /** Bundles by location. */
    private final Map<String, Bundle> deployed = new HashMap<>();

    @Test
    void aFileNotYetAppliedIsPending() throws Exception {
        Files.writeString(etc.resolve("io.stowage.kernel.cfg"), "defaultBackend = default\n");
        Files.writeString(etc.resolve("notes.txt"), "not a configuration");
        assertEquals(List.of("io.stowage.kernel.cfg is not applied yet"), readiness().pending());

        apply("io.stowage.kernel.cfg", "io.stowage.kernel", null, null);
        assertEquals(List.of(), readiness().pending());
    }

    @Test
    void aBackendConfigurationMustReachTheKernelAndSettle() throws Exception {
        Files.writeString(etc.resolve("io.stowage.memory-volatile.cfg"), "name = volatile\n");
        apply("io.stowage.memory-volatile.cfg", "io.stowage.memory~volatile", "io.stowage.memory", "volatile");
        assertEquals(List.of("backend configuration volatile of io.stowage.memory-volatile.cfg has not reached the "
                + "kernel"), readiness().pending());

        kernelKnows.add(configuration("volatile", InstanceState.STARTING));
        assertEquals(List.of("backend configuration volatile is starting"), readiness().pending());

        kernelKnows.set(0, configuration("volatile", InstanceState.UNUSED));
        assertTrue(readiness().await(Duration.ofSeconds(1)).startsWith("ready: 1 configuration files applied; "
                + "volatile unused"), readiness().await(Duration.ofSeconds(1)));
    }

    @Test
    void aBundleDroppedIntoADeployFolderMustBeStarted() throws Exception {
        Path deploy = Files.createDirectory(etc.resolve("deploy"));
        Files.write(deploy.resolve("storage-memory-1.1.0.jar"), new byte[] {0});
        Hashtable<String, Object> watching = new Hashtable<>();
        watching.put("felix.fileinstall.dir", deploy.toString());
        watching.put("felix.fileinstall.filter", ".*\\.jar");
        watchers.add(proxy(Configuration.class, (method, args) -> method.equals("getProperties") ? watching : null));
        assertEquals(List.of("storage-memory-1.1.0.jar is not installed yet"), readiness().pending());

        // FileInstall installs from File.toURI(), "file:/...", not Path.toUri()'s "file:///..."
        String location = deploy.resolve("storage-memory-1.1.0.jar").toFile().toURI().toString();
        Hashtable<String, String> headers = new Hashtable<>();
        int[] state = {Bundle.RESOLVED};
        deployed.put(location, proxy(Bundle.class, (method, args) -> switch (method) {
            case "getState" -> state[0];
            case "getHeaders" -> headers;
            default -> null;
        }));
        assertEquals(List.of("storage-memory-1.1.0.jar is not started yet"), readiness().pending());
        state[0] = Bundle.ACTIVE;
        assertEquals(List.of(), readiness().pending());
    }

    @Test
    void whatIsStillPendingIsNamedWhenTheWaitEnds() throws Exception {
        Files.writeString(etc.resolve("io.stowage.kernel.cfg"), "defaultBackend = default\n");
        CommandFailure failure = assertThrows(CommandFailure.class, () -> readiness().await("200ms"));
        assertEquals("not ready after 200 ms: io.stowage.kernel.cfg is not applied yet", failure.getMessage());
        assertThrows(CommandFailure.class, () -> readiness().await("soon"));
    }

    private Readiness readiness() {
        AnsweringAdmin admin = new AnsweringAdmin().answer("awaitSettled", args -> null)
                .answer("configurations", args -> List.copyOf(kernelKnows))
                .answer("configuration", args -> kernelKnows.stream()
                        .filter(c -> c.name().equals(args[0])).findFirst());
        ConfigurationAdmin configurationAdmin = proxy(ConfigurationAdmin.class, (method, args) -> {
            String filter = (String) args[0];
            if (filter.contains("service.factoryPid=org.apache.felix.fileinstall")) {
                return watchers.isEmpty() ? null : watchers.toArray(Configuration[]::new);
            }
            return applied.entrySet().stream().filter(e -> filter.contains(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().map(c -> new Configuration[] {c}).orElse(null);
        });
        ServiceReference<?> listener = proxy(ServiceReference.class, (method, args) -> kernel);
        BundleContext context = proxy(BundleContext.class, (method, args) -> switch (method) {
            case "getProperty" -> args[0].equals("felix.fileinstall.dir") ? etc.toString() : null;
            case "getBundle" -> deployed.get((String) args[0]);
            case "getServiceReferences" -> ((String) args[1]).contains("io.stowage.memory")
                    ? new ServiceReference<?>[] {listener} : null;
            default -> null;
        });
        return new Readiness(admin.admin(), configurationAdmin, context, kernel);
    }

    private void apply(String file, String pid, String factoryPid, String name) {
        Hashtable<String, Object> properties = new Hashtable<>();
        if (name != null) {
            properties.put("name", name);
        }
        String source = new File(etc.toFile(), file).getAbsoluteFile().toURI().toString();
        applied.put(source, proxy(Configuration.class, (method, args) -> switch (method) {
            case "getPid" -> pid;
            case "getFactoryPid" -> factoryPid;
            case "getProperties" -> properties;
            default -> null;
        }));
    }

    private static ConfigurationInfo configuration(String name, InstanceState state) {
        return new ConfigurationInfo(name, "memory", "0.0.0", state, "", "", "", List.of(), 0);
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws IOException;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> answer.answer(method.getName(), args);
                });
    }
}
