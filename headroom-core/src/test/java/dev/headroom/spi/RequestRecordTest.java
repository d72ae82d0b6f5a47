package dev.headroom.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRecordTest {

    private static RequestRecord withStatus(int status) {
        return new RequestRecord("hr-1", "anthropic", "m", 1000, 400, Usage.NONE, status, 1, 1, List.of("log:digest"),
                Map.of(), false, 0, Map.of("log:digest", 600L));
    }

    @Test
    void onlyASuccessfulAnswerCountsItsSavings() {
        assertThat(withStatus(200).answered()).isTrue();
        assertThat(withStatus(200).tokensSaved()).isEqualTo(600);
        assertThat(withStatus(204).tokensSaved()).isEqualTo(600);
        for (int status : new int[] {400, 413, 429, 500, 502, 504}) {
            assertThat(withStatus(status).answered()).as("status %d", status).isFalse();
            assertThat(withStatus(status).tokensSaved()).as("status %d", status).isZero();
        }
    }

    @Test
    void carriesNoMessageBodiesUnlessGivenThem() {
        assertThat(withStatus(200).messages()).isNull();
    }
}
