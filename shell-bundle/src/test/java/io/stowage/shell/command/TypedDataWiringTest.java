package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * {@code stowage:gc} runs only where the typed-data package is wired to the shell's bundle; elsewhere it says what is
 * missing, before it asks the operator API anything or loads a class of {@code io.stowage.typed}. Over stand-ins of
 * the framework's bundles and wirings.
 */
class TypedDataWiringTest {

    private static final String MISSING = "stowage:gc needs the typed-data bundle (io.stowage.typed) installed";

    @Test
    void wiredToTheTypedPackageItRuns() {
        Bundle shell = shell(List.of(wireTo("io.stowage.api"), wireTo("io.stowage.typed")), List.of());
        assertEquals(Optional.empty(), new TypedDataWiring(shell).missing("stowage:gc"));
    }

    @Test
    void withoutTheTypedBundleItSaysWhatToInstallAndTouchesNothing() {
        Bundle shell = shell(List.of(wireTo("io.stowage.api")), List.of(exporting(3, "io.stowage.kernel",
                "io.stowage.spi")));
        // The operator API answers nothing here: the command must fail before it asks
        OperatorCommands commands = new OperatorCommands(new AnsweringAdmin().admin(), new TypedDataWiring(shell));

        CommandFailure failure = assertThrows(CommandFailure.class, () -> commands.gc("app/objects", null));
        assertEquals(MISSING, failure.toString());
        assertEquals(MISSING, assertThrows(CommandFailure.class, () -> commands.gc("app/objects", "many"))
                .getMessage(), "the missing bundle is the news, before any argument");
    }

    @Test
    void aTypedBundleInstalledAfterTheShellResolvedTakesARefresh() {
        Bundle shell = shell(List.of(wireTo("io.stowage.api")), List.of(exporting(42, "io.stowage.typed",
                "io.stowage.typed")));
        assertEquals(Optional.of("stowage:gc needs the typed-data package io.stowage.typed wired to "
                + "io.stowage.shell: bundle 42 (io.stowage.typed 1.1.0) exports it, but io.stowage.shell resolved "
                + "without it; refresh bundle 7 to wire it"), new TypedDataWiring(shell).missing("stowage:gc"));
    }

    @Test
    void outsideAFrameworkTheClassPathDecides() {
        // This module's tests have typed-bundle on their class path
        assertEquals(Optional.empty(), new TypedDataWiring(null).missing("stowage:gc"));
    }

    /** The shell's bundle (id 7), wired through {@code wires}, in a framework that also holds {@code others}. */
    private static Bundle shell(List<BundleWire> wires, List<Bundle> others) {
        BundleWiring wiring = standIn(BundleWiring.class, Map.of("getRequiredWires", wires));
        BundleContext framework = standIn(BundleContext.class, Map.of("getBundles", others.toArray(new Bundle[0])));
        return standIn(Bundle.class, Map.of("getSymbolicName", "io.stowage.shell", "getBundleId", 7L,
                "adapt", wiring, "getBundleContext", framework));
    }

    /** A resolved bundle exporting {@code exported}. */
    private static Bundle exporting(long id, String symbolicName, String exported) {
        BundleWiring wiring = standIn(BundleWiring.class, Map.of("getCapabilities", List.of(packageOf(exported))));
        return standIn(Bundle.class, Map.of("getSymbolicName", symbolicName, "getBundleId", id,
                "getVersion", new Version(1, 1, 0), "adapt", wiring));
    }

    private static BundleWire wireTo(String packageName) {
        return standIn(BundleWire.class, Map.of("getCapability", packageOf(packageName)));
    }

    private static BundleCapability packageOf(String packageName) {
        return standIn(BundleCapability.class, Map.of("getAttributes",
                Map.of(PackageNamespace.PACKAGE_NAMESPACE, packageName)));
    }

    /** An object of {@code type} that answers the methods named, whatever their arguments, and refuses the rest. */
    private static <T> T standIn(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName() + " is not part of this test");
                    }
                    return answers.get(method.getName());
                }));
    }
}
