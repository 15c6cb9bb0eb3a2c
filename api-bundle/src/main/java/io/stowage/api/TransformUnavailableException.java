package io.stowage.api;

/**
 * A value cannot be read or written because a value transform it needs is not there: the transform's bundle is not
 * installed (or is being updated), or something the transform needs is missing, such as the key a value was
 * encrypted with. The message names the store, the key and the transform. Nothing stored is changed.
 */
public class TransformUnavailableException extends StorageException {

    private static final long serialVersionUID = 1L;

    public TransformUnavailableException(String message) {
        super(message);
    }

    public TransformUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
