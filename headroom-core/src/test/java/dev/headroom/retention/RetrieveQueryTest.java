package dev.headroom.retention;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetrieveQueryTest {
    private static final String LOG = "INFO start\nWARN disk low\nERROR timeout talking to db\ninfo done\n";

    @Test
    void blankQueryReturnsTheOriginal() {
        assertThat(RetrieveQuery.apply(LOG, null)).isEqualTo(LOG);
        assertThat(RetrieveQuery.apply(LOG, "  ")).isEqualTo(LOG);
    }

    @Test
    void keepsLinesMatchingAnyTermCaseInsensitively() {
        assertThat(RetrieveQuery.apply(LOG, "error, Info"))
                .isEqualTo("3 of 4 lines match the query \"error info\":\nINFO start\nERROR timeout talking to db\ninfo done");
    }

    @Test
    void saysSoAndGivesTheFirstLinesWhenNothingMatches() {
        String text = "line\n".repeat(30);
        String answer = RetrieveQuery.apply(text, "absent");
        assertThat(answer).startsWith("no line matches the query \"absent\"; the first 20 of 30 lines follow:\n");
        assertThat(answer.split("\n")).hasSize(21);
    }

    @Test
    void keepsMatchingItemsOfAJsonArray() {
        String json = "[{\"id\":1,\"status\":\"ok\"},{\"id\":2,\"status\":\"FAILED\",\"note\":\"x\"},{\"id\":3,\"status\":\"ok\"}]";
        assertThat(RetrieveQuery.apply(json, "failed"))
                .isEqualTo("1 of 3 items match the query \"failed\":\n[\n{\"id\":2,\"status\":\"FAILED\",\"note\":\"x\"}\n]");
        assertThat(RetrieveQuery.apply(json, "nothing")).startsWith("no item matches the query \"nothing\"; the first 3 of 3 items follow:\n[\n{\"id\":1");
    }

    @Test
    void isDeterministic() {
        assertThat(RetrieveQuery.apply(LOG, "warn db")).isEqualTo(RetrieveQuery.apply(LOG, "warn db"));
    }
}
