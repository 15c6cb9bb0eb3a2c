package io.stowage.shell.command;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.stowage.admin.StowageAdmin;

/** An operator API that gives the answers a test sets, by method name, and refuses every other call. */
public final class AnsweringAdmin {

    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();

    /** Answers calls of the method, whatever their arguments (an overload without arguments gets null). */
    public AnsweringAdmin answer(String method, Function<Object[], Object> answer) {
        answers.put(method, answer);
        return this;
    }

    public StowageAdmin admin() {
        return (StowageAdmin) Proxy.newProxyInstance(StowageAdmin.class.getClassLoader(),
                new Class<?>[] {StowageAdmin.class}, (proxy, method, args) -> {
                    Function<Object[], Object> answer = answers.get(method.getName());
                    if (answer == null) {
                        throw new UnsupportedOperationException(method.getName() + " is not part of this test");
                    }
                    return answer.apply(args);
                });
    }
}
