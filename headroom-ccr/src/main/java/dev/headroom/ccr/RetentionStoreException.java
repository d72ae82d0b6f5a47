package dev.headroom.ccr;

import dev.headroom.core.HeadroomException;

/** A retention store could not be opened, read or written. */
public final class RetentionStoreException extends HeadroomException {
    private static final long serialVersionUID = 1L;

    public RetentionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
