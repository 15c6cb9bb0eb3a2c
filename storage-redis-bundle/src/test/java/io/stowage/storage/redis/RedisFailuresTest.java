package io.stowage.storage.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;

/** Which failures mean the server was out of reach: those become BackendUnavailableException, the rest do not. */
class RedisFailuresTest {

    @Test
    void aCommandInFlightWhenAClusterNodeDiedIsAConnectionLoss() {
        // What Lettuce answered a command in flight when a cluster master was killed (RedisClusterBankTest)
        assertTrue(RedisFailures.isConnectionLoss(new RedisException("Connection disconnected")));
        assertTrue(RedisFailures.isConnectionLoss(new IllegalStateException("wrapped",
                new RedisException("Connection closed prematurely"))));
    }

    @Test
    void aServerRefusalIsNotAConnectionLoss() {
        assertFalse(RedisFailures.isConnectionLoss(new RedisCommandExecutionException("ERR syntax error")));
    }
}
