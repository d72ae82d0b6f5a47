package dev.headroom.memory.agent;

import dev.headroom.core.HeadroomException;

/** A memory file could not be opened, read or written, or a request to it was invalid. */
public final class MemoryStoreException extends HeadroomException {
    private static final long serialVersionUID = 1L;

    public MemoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
