package dev.headroom.cli;

import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StatsReportTest {

    private static com.fasterxml.jackson.databind.JsonNode json(String s) {
        return JsonCodec.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheOutputSavingWithItsBandWhenTheStatsHaveIt() {
        String measured = "{\"since\":\"2026-01-01T00:00:00Z\",\"output_savings\":{\"status\":\"measured\","
                + "\"control\":{\"turns\":212,\"mean_output_tokens\":503.10},\"treatment\":{\"turns\":1788,\"mean_output_tokens\":302.40},"
                + "\"saved_tokens_per_turn\":200.70,\"ci95_low\":188.20,\"ci95_high\":213.25,\"saved_percent\":39.89}}";
        assertThat(StatsReport.render(json(measured), "http://127.0.0.1:8787"))
                .contains("Output     tokens saved 200.7 per turn (95% CI 188.2 to 213.3; 39.9%), measured (212 control / 1,788 shaped turns)");
        String early = "{\"output_savings\":{\"status\":\"not enough data\",\"control\":{\"turns\":0},"
                + "\"treatment\":{\"turns\":4},\"saved_tokens_per_turn\":null}}";
        assertThat(StatsReport.render(json(early), "x")).contains("Output     tokens saved: not enough data (0 control / 4 shaped turns)");
        assertThat(StatsReport.render(json("{}"), "x")).doesNotContain("Output");
    }
}
