package dev.headroom.sqlite;

/**
 * Turns a failure into the calling store's own exception, so that each store keeps reporting its own type
 * (a retention store throws its {@code RetentionStoreException}, the savings history its
 * {@code HistoryStoreException}). A constructor reference such as {@code RetentionStoreException::new} fits.
 */
@FunctionalInterface
public interface SqliteErrors {

    /**
     * @param message what went wrong, naming the file
     * @param cause   the underlying error, or null
     */
    RuntimeException error(String message, Throwable cause);
}
