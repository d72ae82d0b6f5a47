package dev.headroom.stats;

/**
 * A {@link SavingsHistory} kept elsewhere (such as a fleet's history in Redis) could not be read right now; the
 * proxy answers {@code /stats-history} with a 503 naming why instead of an empty or partial document.
 */
public class HistoryUnavailableException extends RuntimeException {
    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
