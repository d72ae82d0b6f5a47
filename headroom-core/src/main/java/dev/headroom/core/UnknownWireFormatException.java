package dev.headroom.core;

/** The request is valid JSON but not an Anthropic Messages, OpenAI Chat or OpenAI Responses request. */
public class UnknownWireFormatException extends HeadroomException {
    private static final long serialVersionUID = 1L;

    public UnknownWireFormatException(String message) {
        super(message);
    }
}
