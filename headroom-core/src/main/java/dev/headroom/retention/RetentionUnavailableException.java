package dev.headroom.retention;

/**
 * A {@link RetentionStore} could not keep an original right now (a shared store that is unreachable). The
 * pipeline leaves that unit as it was; unlike a compressor's own failure, it does not count towards pausing the
 * compressor, so compression comes back with the store.
 */
public class RetentionUnavailableException extends RuntimeException {
    public RetentionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
