package io.stowage.testlog;

import java.lang.reflect.Proxy;

import org.osgi.service.log.Logger;

/** OSGi Loggers for code under test outside a framework, where no Log service hands one out. */
public final class Loggers {

    private Loggers() {
    }

    /**
     * A Logger that drops every call and reports every level disabled, so the code under test formats nothing.
     * A proxy rather than a class: {@link Logger} grows methods between Log API versions.
     */
    public static Logger silent() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> "silent";
                    case "toString" -> "Loggers.silent()";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
    }
}
