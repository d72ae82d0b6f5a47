package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.MalformedRequestException;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StreamFlagTest {

    @Test
    void readsTheTopLevelFlagAndIgnoresNestedOnes() {
        assertThat(of("{\"model\":\"m\",\"stream\":true}")).contains(true);
        assertThat(of("{\"model\":\"m\",\"stream\":false}")).contains(false);
        assertThat(of("{\"model\":\"m\"}")).contains(false);
        assertThat(of("{\"messages\":[{\"stream\":true,\"content\":{\"stream\":true}}],\"stream\":false}")).contains(false);
        assertThat(of("{\"metadata\":{\"stream\":true}}")).contains(false);
    }

    @Test
    void answersAsTheTreeWouldForOddValuesAndRepeatedKeys() {
        for (String body : List.of("{\"stream\":\"true\"}", "{\"stream\":1}", "{\"stream\":0}", "{\"stream\":null}",
                "{\"stream\":\"yes\"}", "{\"stream\":true,\"stream\":false}", "{\"stream\":false,\"stream\":true}",
                "{\"stream\":{\"a\":1}}", "{\"stream\":[true]}")) {
            JsonNode tree = JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8));
            assertThat(of(body)).as(body).contains(tree.path("stream").asBoolean(false));
        }
    }

    @Test
    void somethingOtherThanOneWellFormedObjectIsEmpty() {
        for (String body : List.of("", "[1]", "\"x\"", "{\"stream\":true", "{\"a\":1} {}", "{\"a\":}", "not json")) {
            assertThat(of(body)).as(body).isEmpty();
            boolean treeFails;
            try {
                treeFails = !JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8)).isObject();
            } catch (MalformedRequestException e) {
                treeFails = true;
            }
            assertThat(treeFails).as(body).isTrue();
        }
    }

    private static Optional<Boolean> of(String body) {
        return StreamFlag.of(body.getBytes(StandardCharsets.UTF_8));
    }
}
