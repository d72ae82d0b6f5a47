package dev.headroom.redis;

import dev.headroom.retention.RetentionUnavailableException;

/** Redis could not be reached within the command timeout; callers fall back instead of failing the request. */
public final class RedisUnavailableException extends RetentionUnavailableException {
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
