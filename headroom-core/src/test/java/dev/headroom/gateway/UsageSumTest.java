package dev.headroom.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageSumTest {
    @Test
    void sumsNumbersRecursivelyKeepingTheTargetsOrder() {
        ObjectNode target = (ObjectNode) JsonCodec.parse("{\"output_tokens\":2,\"input_tokens\":10,\"service_tier\":\"standard\","
                + "\"prompt_tokens_details\":{\"cached_tokens\":3},\"cost\":0.5}");
        UsageSum.addInto(target, JsonCodec.parse("{\"input_tokens\":5,\"output_tokens\":1,\"service_tier\":\"x\","
                + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"cost\":0.25,\"cache_read_input_tokens\":7}"));
        assertThat(JsonCodec.write(target)).isEqualTo("{\"output_tokens\":3,\"input_tokens\":15,\"service_tier\":\"standard\","
                + "\"prompt_tokens_details\":{\"cached_tokens\":7},\"cost\":0.75,\"cache_read_input_tokens\":7}");
    }
}
