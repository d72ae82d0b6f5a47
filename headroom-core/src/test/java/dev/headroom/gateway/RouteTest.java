package dev.headroom.gateway;

import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTest {
    private static final Headers NONE = Headers.empty();
    private static final Headers ANTHROPIC = Headers.builder().add("anthropic-version", "2023-06-01")
            .add("Authorization", "Bearer sk-ant-oat01-x").build();

    @Test
    void routesModelCallsByPath() {
        assertThat(Route.of("POST", "/v1/messages", NONE)).isEqualTo(new Route(Provider.ANTHROPIC, Optional.of(WireFormat.ANTHROPIC_MESSAGES)));
        assertThat(Route.of("POST", "/v1/messages/count_tokens", NONE).provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(Route.of("POST", "/v1/chat/completions", ANTHROPIC)).isEqualTo(new Route(Provider.OPENAI, Optional.of(WireFormat.OPENAI_CHAT)));
        assertThat(Route.of("POST", "/v1/responses", NONE)).isEqualTo(new Route(Provider.OPENAI, Optional.of(WireFormat.OPENAI_RESPONSES)));
        assertThat(Route.of("GET", "/v1/responses", NONE)).isEqualTo(new Route(Provider.OPENAI, Optional.empty()));
    }

    @Test
    void sharedPathsGoToAnthropicOnlyWithItsVersionHeader() {
        // current Anthropic SDKs send the key as Authorization: Bearer, so the auth header cannot tell
        assertThat(Route.of("GET", "/v1/models", ANTHROPIC).provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(Route.of("GET", "/v1/models", Headers.builder().add("Authorization", "Bearer sk-proj-x").build()).provider())
                .isEqualTo(Provider.OPENAI);
        assertThat(Route.of("POST", "/v1/embeddings", NONE)).isEqualTo(new Route(Provider.OPENAI, Optional.empty()));
    }

    @Test
    void bedrockInvokePathsAreTheBedrockPassthroughWithAnAnthropicBody() {
        Route invoke = Route.of("POST", "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke", NONE);
        assertThat(invoke).isEqualTo(new Route(Provider.BEDROCK, Optional.of(WireFormat.ANTHROPIC_MESSAGES)));
        assertThat(Route.of("POST", "/model/anthropic.claude-3-5-haiku-20241022-v1:0/invoke-with-response-stream", NONE).provider())
                .isEqualTo(Provider.BEDROCK);
        assertThat(Route.of("GET", "/model/x/invoke", NONE).provider()).isEqualTo(Provider.OPENAI);
        assertThat(Route.of("POST", "/model/x/converse", NONE).provider()).isEqualTo(Provider.OPENAI);
        assertThat(Route.of("POST", "/model/a/b/invoke", NONE).provider()).isEqualTo(Provider.OPENAI);
        assertThat(BedrockPassthrough.model("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke"))
                .isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(BedrockPassthrough.servesRetrieval("/model/x/invoke")).isTrue();
        assertThat(BedrockPassthrough.servesRetrieval("/model/x/invoke-with-response-stream")).isFalse();
    }
}
