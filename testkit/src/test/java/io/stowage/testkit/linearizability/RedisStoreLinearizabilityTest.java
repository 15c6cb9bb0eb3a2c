package io.stowage.testkit.linearizability;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of {@link TransactionOperations} on a store of the kernel on Redis (on Jedis, the default client,
 * with a redis-server of its own) is linearizable, under Lincheck's stress mode: the server is another process and
 * the model checker cannot schedule it, so real threads race instead, and every run's results must still be explained
 * by one order of the calls on {@link StoreSpecification}.
 */
public class RedisStoreLinearizabilityTest extends TransactionOperations {

    private static ServedStore served;

    public RedisStoreLinearizabilityTest() {
        super(served.store());
    }

    @BeforeAll
    static void serve() throws IOException {
        served = ServedStore.redis("jedis");
    }

    @AfterAll
    static void end() throws IOException {
        served.close();
    }

    @Test
    void linearizableUnderStress() {
        Checks.stress(true).check(getClass());
    }
}
