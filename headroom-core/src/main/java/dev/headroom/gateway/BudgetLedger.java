package dev.headroom.gateway;

/**
 * Where a {@link Budget} keeps its spend, by period key ({@link BudgetPeriod#key}), in nano-dollars
 * (1e-9 USD) so that sums are exact. Implementations are thread-safe and lose no concurrent addition:
 * {@link InMemoryBudgetLedger} for {@code --stateless}, a SQLite ledger beside the savings history otherwise.
 */
public interface BudgetLedger extends AutoCloseable {

    /** The spend recorded for a period; 0 when none. */
    long spentNanos(String periodKey);

    /** Adds {@code nanos} (not negative) to a period's spend, atomically. */
    void add(String periodKey, long nanos);

    /** Where the spend is kept, for the banner and diagnostics (a file path, or {@code memory}). */
    String location();

    /** Releases the store; the default does nothing. */
    @Override
    default void close() {
    }
}
