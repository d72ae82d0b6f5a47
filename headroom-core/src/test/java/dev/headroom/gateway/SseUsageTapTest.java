package dev.headroom.gateway;

import dev.headroom.spi.Usage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseUsageTapTest {

    private static Usage tap(String stream) {
        SseUsageTap tap = new SseUsageTap();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        tap.accept(bytes, bytes.length);
        return tap.usage();
    }

    @Test
    void openAiStreamCountsCachedPromptTokensOnceAsInTheWholeResponse() {
        Usage usage = tap("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":200,\"completion_tokens\":40,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":50}}}\n\ndata: [DONE]\n\n");
        assertThat(usage).isEqualTo(new Usage(150, 40, 50, 0));
    }

    @Test
    void anthropicStreamTakesInputFromMessageStartAndOutputFromMessageDelta() {
        Usage usage = tap("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                + "{\"input_tokens\":80,\"output_tokens\":1,\"cache_read_input_tokens\":9,\"cache_creation_input_tokens\":4}}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":12}}\n\n");
        assertThat(usage).isEqualTo(new Usage(80, 12, 9, 4));
    }
}
