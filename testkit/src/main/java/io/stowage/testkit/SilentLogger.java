package io.stowage.testkit;

import java.lang.reflect.Proxy;

import org.osgi.service.log.Logger;

/** An OSGi {@link Logger} that drops everything, for a backend or a kernel made outside a framework. */
public final class SilentLogger {

    private SilentLogger() {
    }

    /** A logger named {@code test} that is enabled for nothing. */
    public static Logger create() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> "test";
                    case "toString" -> "SilentLogger";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }
}
