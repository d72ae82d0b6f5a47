package dev.headroom.cli;

import dev.headroom.gateway.Budget;
import dev.headroom.gateway.BudgetLedger;
import dev.headroom.gateway.BudgetPeriod;
import dev.headroom.gateway.InMemoryBudgetLedger;
import dev.headroom.memory.SqliteBudgetLedger;
import dev.headroom.memory.SqliteSavingsHistory;
import dev.headroom.stats.PriceTable;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * {@code headroom proxy --budget USD --budget-period hourly|daily|monthly}: the limit as asked for, and the
 * {@link Budget.Settings} it becomes, with its spend kept beside the savings history
 * ({@link SqliteSavingsHistory#defaultFile()}) or, with {@code --stateless}, in memory.
 *
 * @param limitNanos the limit in nano-dollars
 * @param period     the calendar period (UTC)
 */
record BudgetOption(long limitNanos, BudgetPeriod period) {
    /** The largest budget accepted, in dollars: far beyond any real one, well inside nano-dollar longs. */
    private static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000_000L);

    /**
     * Reads the options; a blank or missing amount means no budget.
     *
     * @throws IllegalArgumentException with a one-line message when the amount or the period is not valid
     */
    static Optional<BudgetOption> parse(String usd, String period) {
        Optional<BudgetPeriod> p = BudgetPeriod.parse(period);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("--budget-period must be hourly, daily or monthly, got '" + period + "'");
        }
        if (usd == null || usd.isBlank()) {
            return Optional.empty();
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(usd.strip().replaceFirst("^\\$", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--budget must be an amount in US dollars, such as 25 or 2.50, got '" + usd + "'");
        }
        long nanos = amount.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        if (amount.signum() <= 0 || nanos <= 0 || amount.compareTo(MAX_USD) > 0) {
            throw new IllegalArgumentException("--budget must be a positive amount of US dollars up to " + MAX_USD
                    + ", got '" + usd + "'");
        }
        return Optional.of(new BudgetOption(nanos, p.get()));
    }

    /**
     * The gateway's settings: no budget when none was asked for; the spend kept in {@code shared} (a fleet's
     * Redis) when given, else in memory ({@code --stateless}) or beside the savings history.
     */
    static Budget.Settings settings(Optional<BudgetOption> option, boolean stateless, PriceTable prices,
                                    Optional<BudgetLedger> shared) {
        if (option.isEmpty()) {
            return Budget.Settings.none();
        }
        BudgetLedger ledger = shared.orElseGet(() -> stateless ? new InMemoryBudgetLedger()
                : new SqliteBudgetLedger(SqliteSavingsHistory.defaultFile()));
        return new Budget.Settings(option.get().limitNanos(), option.get().period(), prices, ledger);
    }

    /** The banner line: {@code off}, or the limit, the spend so far and where it is kept. */
    static String describe(Budget budget) {
        return budget.status().map(s -> Budget.usd(s.limitNanos()) + " USD " + s.period().label() + " (UTC), "
                + Budget.usd(s.spentNanos()) + " USD spent, resets at " + s.resetsAt() + "; spend kept in "
                + budget.settings().ledger().location()).orElse("off");
    }
}
