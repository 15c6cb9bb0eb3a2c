package io.stowage.storage.redis;

import java.io.IOException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.api.StorageFullException;

/**
 * Turns the client's exceptions into Stowage's. Messages name the configuration, the servers and the user
 * ({@link RedisSettings#describe()}), never the password; the client's own exception stays attached as the cause.
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
        if (failure instanceof RedisCommandTimeoutException) {
            return new BackendUnavailableException(where + ": " + operation + " got no answer within "
                    + settings.commandTimeout.toMillis() + " ms" + unknown, failure);
        }
        RedisCommandExecutionException refused = serverError(failure);
        if (refused != null) {
            return refusal(where, operation, refused);
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

    private StorageException refusal(String where, String operation, RedisCommandExecutionException refused) {
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

    private static RedisCommandExecutionException serverError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandExecutionException refused) {
                return refused;
            }
        }
        return null;
    }

    /** A lost, closed or refused connection, however the client words it. */
    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof RedisConnectionException) {
                return true;
            }
            if (t instanceof RedisException && t.getMessage() != null) {
                String message = t.getMessage();
                if (message.contains("Connection closed") || message.contains("Connection is closed")
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
