package dev.headroom.core;

import java.util.Collection;

/** No {@link dev.headroom.spi.Backend} has the requested name. */
public class NoSuchBackendException extends HeadroomException {
    private static final long serialVersionUID = 1L;

    public NoSuchBackendException(String name, Collection<String> available) {
        super("no backend named '" + name + "'; available: " + String.join(", ", available));
    }
}
