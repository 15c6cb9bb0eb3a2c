package io.stowage.typed;

import io.stowage.api.StorageException;

/**
 * No codec service is registered under the id a {@link CodecRegistry} handle names: the bundle that registered it was
 * stopped, updated or uninstalled, or has not started yet. The message names the codec and, when known, the store
 * and key being read; nothing was read or written. It is the typed error that data written with a codec that went
 * away gives instead of garbage, and it ends once a bundle registers the id again.
 */
public class CodecUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    public CodecUnavailableException(String message) {
        super(message);
    }

    public CodecUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
