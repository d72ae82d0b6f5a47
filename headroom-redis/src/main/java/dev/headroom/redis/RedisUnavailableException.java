package dev.headroom.redis;

/** Redis could not be reached within the command timeout; callers fall back instead of failing the request. */
public final class RedisUnavailableException extends RuntimeException {
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
