package dev.headroom.gateway;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** The calendar period a {@link Budget} applies to, in UTC: an hour, a day or a month. */
public enum BudgetPeriod {
    HOURLY("hour"),
    DAILY("day"),
    MONTHLY("month");

    private final String unit;

    BudgetPeriod(String unit) {
        this.unit = unit;
    }

    /** {@code hourly}, {@code daily} or {@code monthly}, case-insensitively; empty for anything else. */
    public static Optional<BudgetPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (BudgetPeriod p : values()) {
            if (p.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@code hourly}, {@code daily} or {@code monthly}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code hour}, {@code day} or {@code month}. */
    public String unit() {
        return unit;
    }

    /** The start of the period that holds {@code t}. */
    public Instant start(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return switch (this) {
            case HOURLY -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAILY -> z.truncatedTo(ChronoUnit.DAYS).toInstant();
            case MONTHLY -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
        };
    }

    /** The start of the period after the one that holds {@code t}: when the spend resets. */
    public Instant next(Instant t) {
        ZonedDateTime start = start(t).atZone(ZoneOffset.UTC);
        return switch (this) {
            case HOURLY -> start.plusHours(1).toInstant();
            case DAILY -> start.plusDays(1).toInstant();
            case MONTHLY -> start.plusMonths(1).toInstant();
        };
    }

    /**
     * The ledger key of the period that holds {@code t}, such as {@code daily:2025-01-02T00:00:00Z}: the period
     * kind is part of it, so changing {@code --budget-period} never mixes the spends of different periods.
     */
    public String key(Instant t) {
        return label() + ":" + start(t);
    }
}
