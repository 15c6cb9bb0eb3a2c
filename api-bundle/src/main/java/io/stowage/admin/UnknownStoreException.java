package io.stowage.admin;

import io.stowage.api.InvalidInputException;

/** An operator named a store that no bundle opened and that holds no data. */
public class UnknownStoreException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public UnknownStoreException(String message) {
        super(message);
    }
}
