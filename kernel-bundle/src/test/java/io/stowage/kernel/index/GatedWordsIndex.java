package io.stowage.kernel.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.stowage.spi.IndexFunction;
import io.stowage.spi.IndexKeys;

/**
 * The {@link WordsIndex} function as type {@code gated-words}, whose index builds stop at their first entry until
 * the test opens the gate, so that a test sees a build under way for as long as it likes. Only build threads wait:
 * writes and lookups of the test go on.
 */
public final class GatedWordsIndex implements IndexFunction {

    private final WordsIndex words = new WordsIndex();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    @Override
    public String type() {
        return "gated-words";
    }

    @Override
    public IndexKeys bind(Map<String, String> parameters) {
        IndexKeys keys = words.bind(parameters);
        return (key, value) -> {
            if (Thread.currentThread().getName().startsWith("stowage-index-build-")) {
                reached.countDown();
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the kernel closes: the build stops at its next entry
                }
            }
            return keys.keys(key, value);
        };
    }

    /** Waits until a build is held at the gate. */
    public void awaitBuildHeld() throws InterruptedException {
        assertTrue(reached.await(10, TimeUnit.SECONDS), "a build reached the gate within 10 s");
    }

    /** Lets every build go on, now and from now on. */
    public void open() {
        open.countDown();
    }
}
