package dev.headroom.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The rollup periods of a {@link SavingsHistory}, all in UTC: hours, days, ISO weeks (starting on Monday) and
 * calendar months. Hours are the stored grain; the others are sums of hours.
 */
public enum Series {
    HOURLY, DAILY, WEEKLY, MONTHLY;

    /** The lower-case name used in URLs, JSON and CSV file names, such as {@code "daily"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The series named {@code label}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid labels when there is no such series
     */
    public static Series of(String label) {
        for (Series s : values()) {
            if (s.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("series must be hourly, daily, weekly or monthly, got '" + label + "'");
    }

    /** The start of the period that contains {@code t}. */
    public Instant start(Instant t) {
        if (this == HOURLY) {
            return t.truncatedTo(ChronoUnit.HOURS);
        }
        LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
        LocalDate first = switch (this) {
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
            default -> day;
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the period {@code periods} periods before the one that starts at {@code periodStart}. */
    public Instant minus(Instant periodStart, long periods) {
        return switch (this) {
            case HOURLY -> periodStart.minus(periods, ChronoUnit.HOURS);
            case DAILY -> periodStart.minus(periods, ChronoUnit.DAYS);
            case WEEKLY -> periodStart.minus(periods * 7, ChronoUnit.DAYS);
            case MONTHLY -> periodStart.atOffset(ZoneOffset.UTC).minusMonths(periods).toInstant();
        };
    }
}
