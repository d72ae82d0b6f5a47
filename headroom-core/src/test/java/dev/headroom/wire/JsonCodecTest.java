package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.MalformedRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    @Test
    void keepsDecimalScaleAndHugeIntegersExactly() {
        String json = "{\"a\":1.10,\"b\":12345678901234567890123,\"c\":0.1000000000000000055511151231257827,\"d\":-0.0e0,\"e\":1e400}";
        JsonNode node = JsonCodec.parse(json);
        String out = JsonCodec.write(node);
        assertThat(out).contains("\"a\":1.10").contains("\"b\":12345678901234567890123")
                .contains("\"c\":0.1000000000000000055511151231257827");
        assertThat(JsonCodec.parse(out).get("e").decimalValue()).isEqualTo(node.get("e").decimalValue());
    }

    @Test
    void keepsKeyOrder() {
        String json = "{\"z\":1,\"a\":2,\"m\":{\"y\":3,\"b\":4}}";
        assertThat(JsonCodec.write(JsonCodec.parse(json))).isEqualTo(json);
    }

    @Test
    void rejectsInvalidJsonWithLocation() {
        assertThatThrownBy(() -> JsonCodec.parse("{\"a\": [1, 2}"))
                .isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
    }

    @Test
    void rejectsTrailingGarbage() {
        assertThatThrownBy(() -> JsonCodec.parse("{\"a\":1} {\"b\":2}")).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void rejectsNestingDeeperThanLimit() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonCodec.parse(deep))
                .isInstanceOf(MalformedRequestException.class).hasMessageContaining("limit");
    }

    @Test
    void rejectsEmptyBody() {
        assertThatThrownBy(() -> JsonCodec.parse("")).isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("empty");
    }
}
