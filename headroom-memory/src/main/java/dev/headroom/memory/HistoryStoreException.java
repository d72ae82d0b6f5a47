package dev.headroom.memory;

import dev.headroom.core.HeadroomException;

/** A savings history file could not be opened, read or written. */
public final class HistoryStoreException extends HeadroomException {
    private static final long serialVersionUID = 1L;

    public HistoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
