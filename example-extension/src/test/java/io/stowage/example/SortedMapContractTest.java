package io.stowage.example;

import java.lang.reflect.Proxy;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.osgi.service.log.Logger;

import io.stowage.api.StorageService;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.tck.StoreContract;

/** What every extension's build should hold: the contract suite against it, through the kernel. */
public class SortedMapContractTest extends StoreContract {

    private static SortedMapBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() {
        backend = SortedMapBackend.outsideFramework("contract");
        kernel = new EmbeddedKernel(backend, "example", 200, System::currentTimeMillis, silent());
    }

    @AfterClass
    public static void stopKernel() {
        kernel.close();
        backend.close();
    }

    @Override
    protected StorageService storage() {
        return kernel.namespace("io.stowage.tck");
    }

    private static Logger silent() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? Boolean.FALSE : null);
    }
}
