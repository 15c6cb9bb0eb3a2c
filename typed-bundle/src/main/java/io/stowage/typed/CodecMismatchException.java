package io.stowage.typed;

import io.stowage.api.StorageException;

/**
 * Stored data is not what the codec reading it can read: a value written by another codec or by a version the codec
 * does not accept, a value without the typed layer's header, a payload the codec cannot decode, or a key text the
 * key codec cannot parse. The message names the store and key when known, the codec that wrote and the one that
 * reads. Nothing was changed.
 *
 * <p>A {@link StorageException} rather than an invalid input: the caller's arguments are fine, the stored bytes are
 * not what this view of the store expects.
 */
public class CodecMismatchException extends StorageException {
    private static final long serialVersionUID = 1L;

    public CodecMismatchException(String message) {
        super(message);
    }

    public CodecMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
