package io.stowage.storage.redis;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.NoSuchElementException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.api.StorageFullException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Turns the client's exceptions (Lettuce's or Jedis's) into Stowage's. Messages name the configuration, the servers
 * and the user ({@link RedisSettings#describe()}), never the password; the client's own exception stays attached as
 * the cause.
 */
final class RedisFailures {

    private final RedisSettings settings;

    RedisFailures(RedisSettings settings) {
        this.settings = settings;
    }

    /**
     * @param operation what was attempted, as in "put"
     * @param write     whether the operation changes data: a write that timed out or lost its connection may or
     *                  may not have been applied, and the message says so
     */
    StorageException translate(RuntimeException failure, String operation, boolean write) {
        String where = "Redis backend '" + settings.name + "' (" + settings.describe() + ")";
        String unknown = write ? "; whether the write was applied is unknown" : "";
        if (failure instanceof StorageException known) {
            return known;
        }
        if (failure instanceof RedisCommandTimeoutException || isReadTimeout(failure)) {
            return new BackendUnavailableException(where + ": " + operation + " got no answer within "
                    + settings.commandTimeout.toMillis() + " ms" + unknown, failure);
        }
        RuntimeException refused = serverError(failure);
        if (refused != null) {
            return refusal(where, operation, refused);
        }
        if (isPoolExhausted(failure)) {
            return new BackendUnavailableException(where + ": " + operation + " found no free connection within "
                    + settings.commandTimeout.toMillis() + " ms (maxConnections " + settings.maxConnections + ")",
                    failure);
        }
        if (failure instanceof RedisCommandInterruptedException) {
            Thread.currentThread().interrupt();
            return new BackendUnavailableException(where + ": " + operation + " was interrupted" + unknown, failure);
        }
        if (failure instanceof RedisConnectionException || isConnectionLoss(failure)) {
            return new BackendUnavailableException(where + " is unreachable: " + operation + " failed ("
                    + rootMessage(failure) + ")" + unknown, failure);
        }
        return new StorageException(where + ": " + operation + " failed: " + rootMessage(failure), failure);
    }

    private StorageException refusal(String where, String operation, RuntimeException refused) {
        String message = refused.getMessage() == null ? "" : refused.getMessage();
        if (message.startsWith("OOM")) {
            return new StorageFullException(where + ": " + operation + " refused, Redis reached its maxmemory: "
                    + message, refused);
        }
        if (message.startsWith("NOPERM") || message.startsWith("NOAUTH") || message.startsWith("WRONGPASS")) {
            return new StorageException(where + ": " + operation + " refused for lack of rights (" + message
                    + "); the user needs the key pattern ~" + settings.keyPrefix + "* and the commands listed in "
                    + "the operating guide", refused);
        }
        if (message.startsWith("LOADING") || message.startsWith("MASTERDOWN") || message.startsWith("CLUSTERDOWN")
                || message.startsWith("TRYAGAIN") || message.startsWith("READONLY")) {
            return new BackendUnavailableException(where + ": " + operation + " failed, Redis is not serving ("
                    + message + ")", refused);
        }
        return new StorageException(where + ": " + operation + " failed: " + message, refused);
    }

    /** An error reply of the server: Lettuce's exception for it, or Jedis's. */
    private static RuntimeException serverError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandExecutionException refused) {
                return refused;
            }
            if (t instanceof JedisDataException refused) {
                return refused;
            }
        }
        return null;
    }

    /** Jedis: a read that waited past the socket timeout (a connect timeout is a connection failure). */
    private static boolean isReadTimeout(Throwable failure) {
        if (!(failure instanceof JedisConnectionException)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException timeout) {
                return timeout.getMessage() == null
                        || !timeout.getMessage().toLowerCase(Locale.ROOT).contains("connect");
            }
        }
        return false;
    }

    /** Jedis: every connection of the pool stayed in use for as long as an operation may wait for one. */
    private static boolean isPoolExhausted(Throwable failure) {
        return !(failure instanceof JedisConnectionException) && failure.getCause() instanceof NoSuchElementException;
    }

    /** A lost, closed or refused connection, however the client words it. */
    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof RedisConnectionException
                    || t instanceof JedisConnectionException || t instanceof JedisClusterOperationException) {
                return true;
            }
            if (t instanceof RedisException && t.getMessage() != null) {
                String message = t.getMessage();
                // "Connection disconnected": Lettuce's answer to a command in flight when a cluster node died
                if (message.contains("Connection closed") || message.contains("Connection is closed")
                        || message.contains("Connection disconnected")
                        || message.contains("not connected") || message.contains("Connection reset")
                        || message.contains("Request queue size exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
