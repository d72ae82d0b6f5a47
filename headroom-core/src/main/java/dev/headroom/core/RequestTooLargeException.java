package dev.headroom.core;

/** The request body is larger than the configured limit. */
public class RequestTooLargeException extends HeadroomException {
    private static final long serialVersionUID = 1L;
    private final long size;
    private final long limit;

    public RequestTooLargeException(long size, long limit) {
        super("request body of " + size + " bytes exceeds the limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
