package io.stowage.typed.object;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.stowage.api.Store;
import io.stowage.api.Transaction;

/** A store whose transactions count the objects they read ({@code obj:} gets) and the keys they write. */
final class CountingStore {

    final AtomicInteger objectReads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
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
                    return invoke(tx, method, args);
                });
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
