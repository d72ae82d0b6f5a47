package dev.headroom.core;

/** The request is not valid JSON, or exceeds a structural limit such as nesting depth. */
public class MalformedRequestException extends HeadroomException {
    private static final long serialVersionUID = 1L;

    public MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
