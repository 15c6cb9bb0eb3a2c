package io.stowage.webconsole;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** An interface's instance that gives the answers a test sets, by method name, and refuses every other call. */
final class Answering<T> {

    private final Class<T> type;
    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();

    Answering(Class<T> type) {
        this.type = type;
    }

    /** Answers calls of the method, whatever their arguments (an overload without arguments gets null). */
    Answering<T> answer(String method, Function<Object[], Object> answer) {
        answers.put(method, answer);
        return this;
    }

    T instance() {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Function<Object[], Object> answer = answers.get(method.getName());
                    if (answer == null) {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName() + " is not part of this test");
                    }
                    return answer.apply(args);
                }));
    }
}
