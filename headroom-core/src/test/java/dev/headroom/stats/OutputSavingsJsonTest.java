package dev.headroom.stats;

import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputSavingsJsonTest {

    @Test
    void rendersArmsEstimateAndStrataInAFixedOrder() {
        HoldoutTally tally = HoldoutTally.of(List.of(new HoldoutCell("control", "gpt-5", "question", 2, 300, 50_000),
                new HoldoutCell("treatment", "gpt-5", "question", 2, 100, 5_200)));
        String json = JsonCodec.write(OutputSavingsJson.tree(OutputSavingsEstimator.estimate(tally)));
        assertThat(json).startsWith("{\"status\":\"not enough data\",\"min_turns_per_arm\":30,"
                + "\"control\":{\"turns\":2,\"mean_output_tokens\":150.00},\"treatment\":{\"turns\":2,\"mean_output_tokens\":50.00},"
                + "\"saved_tokens_per_turn\":100.00,\"ci95_low\":");
        assertThat(json).contains("\"saved_percent\":66.67").endsWith("\"strata\":[{\"model_family\":\"gpt-5\","
                + "\"turn_kind\":\"question\",\"weight\":1.0000,\"control\":{\"turns\":2,\"mean_output_tokens\":150.00},"
                + "\"treatment\":{\"turns\":2,\"mean_output_tokens\":50.00},\"difference\":100.00}]}");
        assertThat(JsonCodec.write(OutputSavingsJson.tree(OutputSavingsEstimator.estimate(HoldoutTally.EMPTY))))
                .contains("\"saved_tokens_per_turn\":null,\"ci95_low\":null");
    }
}
