package io.stowage.api;

/** The store's backend lacks a capability the operation needs, such as ordered scans. */
public class UnsupportedCapabilityException extends StorageException {
    private static final long serialVersionUID = 1L;

    public UnsupportedCapabilityException(String message) {
        super(message);
    }

    public UnsupportedCapabilityException(String message, Throwable cause) {
        super(message, cause);
    }
}
