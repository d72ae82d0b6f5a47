package dev.headroom.core;

/** The root of every exception Headroom throws on purpose. Unchecked. */
public class HeadroomException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HeadroomException(String message) {
        super(message);
    }

    public HeadroomException(String message, Throwable cause) {
        super(message, cause);
    }
}
