package io.stowage.shell.karaf;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** A service of a test: gives the answers the test sets, by method name, and refuses every other call. */
final class Answering<T> {

    private final Class<T> type;
    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();

    private Answering(Class<T> type) {
        this.type = type;
    }

    static <T> Answering<T> of(Class<T> type) {
        return new Answering<>(type);
    }

    /** Answers calls of the method, whatever their arguments. */
    Answering<T> answer(String method, Function<Object[], Object> answer) {
        answers.put(method, answer);
        return this;
    }

    T service() {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                return null;
            }
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(method.getName() + " is not part of this test");
            }
            return answer.apply(args);
        }));
    }
}
