package io.stowage.bench;

import java.lang.reflect.Proxy;

import org.osgi.service.log.Logger;

/** Outside a framework there is no Log service; the benchmark discards log calls. */
final class NoLogger {

    private NoLogger() {
    }

    static Logger create() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? Boolean.FALSE : null);
    }
}
