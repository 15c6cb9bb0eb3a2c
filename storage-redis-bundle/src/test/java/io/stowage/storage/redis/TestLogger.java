package io.stowage.storage.redis;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.Logger;

/** An OSGi Logger that keeps every message with its arguments, so tests can read what was logged. */
final class TestLogger {

    final List<String> lines = new CopyOnWriteArrayList<>();

    Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0) {
                        StringBuilder line = new StringBuilder(method.getName());
                        for (Object arg : args) {
                            line.append(' ').append(arg instanceof Object[] array ? List.of(array) : arg);
                        }
                        lines.add(line.toString());
                    }
                    return method.getReturnType() == boolean.class ? true
                            : method.getReturnType() == String.class ? "test" : null;
                });
    }
}
