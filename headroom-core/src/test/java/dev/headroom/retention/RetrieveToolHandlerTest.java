package dev.headroom.retention;

import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetrieveToolHandlerTest {
    private final InMemoryRetentionStore store = new InMemoryRetentionStore();
    private final String original = "alpha\nneedle 42\ngamma\n";
    private final String hash = store.put(original);
    private final RetrieveToolHandler handler = new RetrieveToolHandler(store);

    @Test
    void answersAnAnthropicToolUseBlock() {
        var answer = handler.answer(JsonCodec.parse("{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"headroom_retrieve\",\"input\":{\"hash\":\"" + hash + "\"}}"));
        assertThat(answer).hasValueSatisfying(a -> {
            assertThat(a.callId()).isEqualTo("toolu_1");
            assertThat(a.content()).isEqualTo(original);
            assertThat(a.error()).isFalse();
        });
    }

    @Test
    void answersOpenAiChatAndResponsesCallsWithAQuery() {
        var chat = handler.answer(JsonCodec.parse("{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"headroom_retrieve\","
                + "\"arguments\":\"{\\\"hash\\\":\\\"" + hash + "\\\",\\\"query\\\":\\\"NEEDLE\\\"}\"}}"));
        assertThat(chat.orElseThrow().callId()).isEqualTo("call_1");
        assertThat(chat.orElseThrow().content()).isEqualTo("1 of 3 lines match the query \"needle\":\nneedle 42");
        var responses = handler.answer(JsonCodec.parse("{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_2\",\"name\":\"headroom_retrieve\","
                + "\"arguments\":\"{\\\"hash\\\":\\\"" + hash + "\\\"}\"}"));
        assertThat(responses.orElseThrow().callId()).isEqualTo("call_2");
        assertThat(responses.orElseThrow().content()).isEqualTo(original);
    }

    @Test
    void ignoresOtherToolsAndExplainsBadCalls() {
        assertThat(handler.answer(JsonCodec.parse("{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"Bash\",\"input\":{}}"))).isEmpty();
        var unknown = handler.answer(JsonCodec.parse("{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"headroom_retrieve\",\"input\":{\"hash\":\"" + ContentHash.of("nope") + "\"}}"));
        assertThat(unknown.orElseThrow().error()).isTrue();
        assertThat(unknown.orElseThrow().content()).contains("unknown or expired");
        var badArgs = handler.answer(JsonCodec.parse("{\"id\":\"c\",\"function\":{\"name\":\"headroom_retrieve\",\"arguments\":\"{oops\"}}"));
        assertThat(badArgs.orElseThrow().content()).contains("not a JSON object");
        assertThat(handler.answer("zz", null)).contains("is not a hash");
    }

    @Test
    void servesOnlyRedeemableHashes() {
        RetrieveToolHandler restricted = new RetrieveToolHandler(store, h -> false);
        assertThat(restricted.answer(hash, null)).contains("unknown or expired");
    }
}
