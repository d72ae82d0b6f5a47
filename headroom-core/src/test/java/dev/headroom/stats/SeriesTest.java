package dev.headroom.stats;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesTest {
    private static final Instant SUNDAY_EVENING = Instant.parse("2025-03-02T22:45:10Z");

    @Test
    void periodsStartOnTheHourDayMondayAndFirstOfMonthInUtc() {
        assertThat(Series.HOURLY.start(SUNDAY_EVENING)).isEqualTo(Instant.parse("2025-03-02T22:00:00Z"));
        assertThat(Series.DAILY.start(SUNDAY_EVENING)).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(Series.WEEKLY.start(SUNDAY_EVENING)).isEqualTo(Instant.parse("2025-02-24T00:00:00Z"));
        assertThat(Series.MONTHLY.start(SUNDAY_EVENING)).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    }

    @Test
    void stepsBackByWholePeriodsIncludingUnevenMonths() {
        assertThat(Series.MONTHLY.minus(Instant.parse("2025-03-01T00:00:00Z"), 1)).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
        assertThat(Series.WEEKLY.minus(Instant.parse("2025-02-24T00:00:00Z"), 2)).isEqualTo(Instant.parse("2025-02-10T00:00:00Z"));
        assertThat(HistoryRollup.windowStart(Series.DAILY, SUNDAY_EVENING, 3)).isEqualTo(Instant.parse("2025-02-28T00:00:00Z"));
    }

    @Test
    void parsesLabelsAndNamesTheValidOnes() {
        assertThat(Series.of(" Weekly ")).isEqualTo(Series.WEEKLY);
        assertThat(Series.DAILY.label()).isEqualTo("daily");
        assertThatThrownBy(() -> Series.of("yearly")).hasMessageContaining("hourly, daily, weekly or monthly");
    }
}
