package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * {@code stowage:gc} runs only where the shell's class loader can load the typed-data package (the dynamic import
 * wired); elsewhere it says what is missing, before it asks the operator API anything, and names an installed
 * typed-data bundle that could not be wired. Over class loaders that can or cannot see the package, and stand-ins of
 * the framework's bundles.
 */
class TypedDataWiringTest {

    private static final String MISSING = "stowage:gc needs the typed-data bundle (io.stowage.typed) installed";
    /** Sees only the JDK: what the shell's class loader is like while no bundle exports io.stowage.typed. */
    private static final ClassLoader WITHOUT_TYPED = ClassLoader.getPlatformClassLoader();

    @Test
    void whereTheClassLoaderSeesThePackageItRuns() {
        // This module's tests have typed-bundle on their class path
        assertEquals(Optional.empty(), new TypedDataWiring(getClass().getClassLoader(), null).missing("stowage:gc"));
    }

    @Test
    void withoutTheTypedBundleItSaysWhatToInstallAndTouchesNothing() {
        Bundle shell = shell(List.of(exporting(3, "io.stowage.kernel", "io.stowage.spi", Bundle.ACTIVE)));
        // The operator API answers nothing here: the command must fail before it asks
        OperatorCommands commands = new OperatorCommands(new AnsweringAdmin().admin(),
                new TypedDataWiring(WITHOUT_TYPED, shell));

        CommandFailure failure = assertThrows(CommandFailure.class, () -> commands.gc("app/objects", null));
        assertEquals(MISSING, failure.toString());
        assertEquals(MISSING, assertThrows(CommandFailure.class, () -> commands.gc("app/objects", "many"))
                .getMessage(), "the missing bundle is the news, before any argument");
        assertEquals(Optional.of(MISSING), new TypedDataWiring(WITHOUT_TYPED, null).missing("stowage:gc"));
    }

    @Test
    void aTypedBundleInstalledLaterServesAtTheNextCallWithNoRefresh() {
        // The framework's loader finds the package once an exporter is installed: nothing here may remember the miss
        AtomicBoolean installed = new AtomicBoolean();
        ClassLoader shellLoader = new ClassLoader(WITHOUT_TYPED) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!installed.get()) {
                    throw new ClassNotFoundException(name);
                }
                return TypedDataWiringTest.class.getClassLoader().loadClass(name);
            }
        };
        TypedDataWiring typedData = new TypedDataWiring(shellLoader, null);
        assertEquals(Optional.of(MISSING), typedData.missing("stowage:gc"));
        installed.set(true);
        assertEquals(Optional.empty(), typedData.missing("stowage:gc"));
    }

    @Test
    void anInstalledTypedBundleThatDoesNotResolveIsNamedWithWhereToLook() {
        Bundle shell = shell(List.of(exporting(42, "io.stowage.typed", "io.stowage.typed", Bundle.INSTALLED)));
        assertEquals(Optional.of("stowage:gc needs the typed-data bundle (io.stowage.typed) resolved: bundle 42 "
                + "(io.stowage.typed 1.1.0) is installed but does not resolve; diag 42 (Gogo) or bundle:diag 42 "
                + "(Karaf) says what it lacks"), new TypedDataWiring(WITHOUT_TYPED, shell).missing("stowage:gc"));
    }

    @Test
    void aResolvedTypedBundleTheImportDoesNotAcceptIsNamedWithBothVersions() {
        Bundle shell = shell(List.of(exporting(42, "io.stowage.typed", "io.stowage.typed", Bundle.ACTIVE)));
        assertEquals(Optional.of("stowage:gc cannot use the typed-data package io.stowage.typed of bundle 42 "
                + "(io.stowage.typed 1.1.0): it exports version 2.0.0, and io.stowage.shell imports "
                + "io.stowage.typed;version=\"[1.1,2)\""),
                new TypedDataWiring(WITHOUT_TYPED, shell).missing("stowage:gc"));
    }

    @Test
    void aClassMissingInsideTheTypedBundleIsAFaultNotAnAbsence() {
        NoClassDefFoundError broken = new NoClassDefFoundError("io/stowage/typed/internal/Gone");
        ClassLoader brokenTyped = new ClassLoader(WITHOUT_TYPED) {
            @Override
            protected Class<?> findClass(String name) {
                throw broken;
            }
        };
        assertSame(broken, assertThrows(NoClassDefFoundError.class,
                () -> new TypedDataWiring(brokenTyped, null).missing("stowage:gc")));
    }

    /** The shell's bundle (id 7), in a framework that also holds {@code others}. */
    private static Bundle shell(List<Bundle> others) {
        BundleContext framework = standIn(BundleContext.class, Map.of("getBundles", others.toArray(new Bundle[0])));
        Hashtable<String, String> headers = new Hashtable<>(Map.of("DynamicImport-Package",
                "io.stowage.typed;version=\"[1.1,2)\""));
        return standIn(Bundle.class, Map.of("getSymbolicName", "io.stowage.shell", "getBundleId", 7L,
                "getBundleContext", framework, "getHeaders", headers));
    }

    /** A bundle in {@code state} whose revision declares the export of {@code exported}, at version 2.0.0. */
    private static Bundle exporting(long id, String symbolicName, String exported, int state) {
        BundleCapability export = standIn(BundleCapability.class, Map.of("getAttributes", Map.of(
                PackageNamespace.PACKAGE_NAMESPACE, exported,
                PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, new Version(2, 0, 0))));
        BundleRevision revision = standIn(BundleRevision.class, Map.of("getDeclaredCapabilities", List.of(export)));
        return standIn(Bundle.class, Map.of("getSymbolicName", symbolicName, "getBundleId", id,
                "getVersion", new Version(1, 1, 0), "getState", state, "adapt", revision));
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
