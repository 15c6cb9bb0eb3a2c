package io.stowage.jcache;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Locale;

import org.osgi.service.log.Logger;

/**
 * The OSGi Logger the embedded kernel and backends log to, writing to the JDK's {@link System.Logger} (so to
 * java.util.logging, or what the application routes it to). A proxy: {@link Logger} grows methods between Log API
 * versions, and only the level methods matter here.
 */
final class SystemLogger {

    private SystemLogger() {
    }

    static Logger named(String name) {
        System.Logger target = System.getLogger(name);
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "toString" -> "SystemLogger[" + name + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> log(target, method, args);
                });
    }

    private static Object log(System.Logger target, Method method, Object[] args) {
        String name = method.getName();
        System.Logger.Level level = level(name.startsWith("is") ? name.substring(2, name.length() - 7) : name);
        if (name.startsWith("is") && method.getReturnType() == boolean.class) {
            return level != null && target.isLoggable(level);
        }
        if (level == null || args == null || args.length == 0 || !(args[0] instanceof String format)
                || !target.isLoggable(level)) {
            return null;
        }
        Object[] rest = args.length > 1 && args[1] instanceof Object[] array ? array
                : Arrays.copyOfRange(args, 1, args.length);
        Throwable thrown = rest.length > 0 && rest[rest.length - 1] instanceof Throwable t ? t : null;
        StringBuilder message = new StringBuilder();
        int from = 0;
        int argument = 0;
        for (int at = format.indexOf("{}"); at >= 0; at = format.indexOf("{}", from)) {
            message.append(format, from, at).append(argument < rest.length ? rest[argument++] : "{}");
            from = at + 2;
        }
        message.append(format.substring(from));
        target.log(level, message.toString(), thrown);
        return null;
    }

    private static System.Logger.Level level(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> System.Logger.Level.TRACE;
            case "debug" -> System.Logger.Level.DEBUG;
            case "info", "audit" -> System.Logger.Level.INFO;
            case "warn" -> System.Logger.Level.WARNING;
            case "error" -> System.Logger.Level.ERROR;
            default -> null;
        };
    }
}
