package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;

/** Stopping the kernel ends every backend instance, closes every handle and stops every kernel thread. */
public class KernelShutdownIT extends FrameworkProbe {

    @Test
    public void stoppingTheKernelReleasesEverythingItHeld() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.memoryBackend(configurations, "second");
        StowageFramework.route(context, configurations, "other", "second");
        StowageFramework.await("the second instance", 10_000,
                () -> FrameworkLog.contains(log, "memory backend 'second' started"));
        ServiceReference<StorageService> reference = context.getServiceReference(StorageService.class);
        Store store = context.getService(reference).store("held");
        StowageFramework.await("the default backend", 10_000, () -> {
            try {
                store.put("k", "v".getBytes(UTF_8));
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        StowageFramework.await("the kernel's threads", 10_000, () -> kernelThreads().size() == 2);

        Bundle kernel = bundle("io.stowage.kernel");
        kernel.stop();

        // The key, the data format, the store directory's counter and its entry for the store
        assertTrue(FrameworkLog.contains(log, "memory backend 'default' ended, released 4 keys"));
        assertTrue(FrameworkLog.contains(log, "memory backend 'second' ended"));
        assertThrows(StoreClosedException.class, () -> store.get("k"));
        assertNull(context.getServiceReference(StorageService.class));
        StowageFramework.await("the kernel's threads to end", 10_000, () -> kernelThreads().isEmpty());
        assertTrue(FrameworkLog.errors(log).toString(), FrameworkLog.errors(log).isEmpty());

        kernel.start();
        StowageFramework.await("the kernel to serve again", 10_000,
                () -> context.getServiceReference(StorageService.class) != null);
        Store again = context.getService(context.getServiceReference(StorageService.class)).store("held");
        StowageFramework.await("a new default instance", 10_000, () -> {
            try {
                again.put("k", "new".getBytes(UTF_8));
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        assertEquals("new", new String(again.get("k"), UTF_8));
        // The management bundle followed the kernel back without a failed activation (it once deadlocked here)
        ObjectName second = new ObjectName("io.stowage:type=Backend,name=second");
        StowageFramework.await("the restarted kernel's MBeans", 10_000,
                () -> ManagementFactory.getPlatformMBeanServer().isRegistered(second));
        assertTrue(FrameworkLog.errors(log).toString(), FrameworkLog.errors(log).isEmpty());
    }

    private static Set<String> kernelThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("stowage-")).collect(Collectors.toSet());
    }
}
