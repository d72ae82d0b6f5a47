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
}
