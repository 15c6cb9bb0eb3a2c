package io.stowage.typed.object;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.stowage.api.Store;
import io.stowage.api.Transaction;

/**
 * A store whose transactions count the objects they read ({@code obj:} gets) and the keys they write, and that
 * remembers the largest page any listing or scan asked for, in a transaction or not.
 */
final class CountingStore {

    final AtomicInteger objectReads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger largestPage = new AtomicInteger();
    private final Store store;

    CountingStore(Store store) {
        this.store = store;
    }

    Store store() {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("transact")) {
                        Function<Transaction, Object> work = cast(args[0]);
                        return store.transact(tx -> work.apply(counting(tx)));
                    }
                    notePage(method, args);
                    return invoke(store, method, args);
                });
    }

    private Transaction counting(Transaction tx) {
        return (Transaction) Proxy.newProxyInstance(Transaction.class.getClassLoader(),
                new Class<?>[] {Transaction.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get") && ((String) args[0]).startsWith("obj:")) {
                        objectReads.incrementAndGet();
                    } else if (method.getName().equals("put") || method.getName().equals("delete")) {
                        writes.incrementAndGet();
                    }
                    notePage(method, args);
                    return invoke(tx, method, args);
                });
    }

    /** {@code keys(glob, limit, ...)} and {@code scan(from, to, limit, ...)} name their page size there. */
    private void notePage(Method method, Object[] args) {
        int limit = switch (method.getName()) {
            case "keys" -> (Integer) args[1];
            case "scan" -> (Integer) args[2];
            default -> 0;
        };
        largestPage.accumulateAndGet(limit, Math::max);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object work) {
        return (T) work;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
