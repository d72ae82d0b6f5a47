package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.bedrock.BedrockBackend;
import dev.headroom.gateway.AnthropicBackend;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.MessagesUpstream;
import dev.headroom.gateway.OpenAiBackend;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --backend}, {@code --region} and {@code --bedrock-api-url} as {@code headroom proxy} parses them. */
class BackendSwitchesTest {

    /** A third-party backend with a name of its own, as a plugin jar would bring. */
    static final class TeamGateway implements Backend {
        @Override
        public String name() {
            return "team-gateway";
        }

        @Override
        public URI defaultBaseUrl() {
            return URI.create("https://llm-gateway.example.com");
        }

        @Override
        public boolean isAuthHeader(String lowerCaseName) {
            return lowerCaseName.equals("authorization");
        }

        @Override
        public String errorBody(int status, String type, String message) {
            return "{}";
        }

        @Override
        public Optional<Usage> usageFromResponse(JsonNode responseBody) {
            return Optional.empty();
        }
    }

    private static BackendSwitches parse(String... args) {
        ProxyCommand command = new ProxyCommand();
        new CommandLine(command).parseArgs(args);
        return command.backendSwitches;
    }

    @Test
    void aPluginBackendIsSelectedByItsOwnName() {
        Backends backends = Backends.of(List.of(new AnthropicBackend(), new OpenAiBackend(), new TeamGateway()));
        MessagesUpstream own = parse("--backend", "team-gateway").messagesUpstream(backends, BackendSwitches.ANTHROPIC_DEFAULT,
                BackendSwitches.OPENAI_DEFAULT, n -> null);
        assertThat(own.name()).isEqualTo("team-gateway");
        assertThat(own.baseUrl()).contains(URI.create("https://llm-gateway.example.com"));
        MessagesUpstream at = parse("--backend", "Team-Gateway").messagesUpstream(backends, URI.create("http://127.0.0.1:4000"),
                BackendSwitches.OPENAI_DEFAULT, n -> null);
        assertThat(at.baseUrl()).contains(URI.create("http://127.0.0.1:4000"));
        assertThatThrownBy(() -> parse("--backend", "team-gatway").messagesUpstream(backends, BackendSwitches.ANTHROPIC_DEFAULT,
                BackendSwitches.OPENAI_DEFAULT, n -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("team-gateway");
    }

    @Test
    void regionBuildsTheBedrockBackendForThatRegion() {
        Backends backends = parse("--region", "eu-central-1").configure(Backends.discover(BackendSwitchesTest.class.getClassLoader()));
        Backend bedrock = backends.byName("bedrock");
        assertThat(bedrock).isInstanceOf(BedrockBackend.class);
        assertThat(((BedrockBackend) bedrock).region()).isEqualTo("eu-central-1");
        assertThat(bedrock.defaultBaseUrl()).isEqualTo(URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com"));
        assertThat(bedrock.upstreamModel("claude-sonnet-4-5")).isEqualTo("eu.anthropic.claude-sonnet-4-5-20250929-v1:0");
        MessagesUpstream messages = parse("--backend", "bedrock").messagesUpstream(backends, BackendSwitches.ANTHROPIC_DEFAULT,
                BackendSwitches.OPENAI_DEFAULT, n -> null);
        assertThat(messages.baseUrl()).contains(URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com"));
        assertThat(BackendSwitches.describe(MessagesUpstream.of(new BedrockBackend("eu-central-1",
                () -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "secret-value"),
                java.time.Clock.systemUTC()), URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com"), n -> null)))
                .isEqualTo("  backend: bedrock at https://bedrock-runtime.eu-central-1.amazonaws.com (Bedrock InvokeModel; "
                        + "AWS credentials found)");
    }

    @Test
    void aMalformedRegionOrBedrockUrlIsRefusedWithTheOptionsName() {
        assertThatThrownBy(() -> parse("--region", "Frankfurt").configure(Backends.discover(BackendSwitchesTest.class.getClassLoader())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--region: not an AWS region: 'Frankfurt'");
        assertThatThrownBy(() -> parse("--bedrock-api-url", "bedrock-runtime.us-west-2.amazonaws.com").bedrockApiUrl())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--bedrock-api-url must be an http(s) URL");
        assertThat(parse().bedrockApiUrl()).isNull();
        assertThat(parse("--bedrock-api-url", "https://bedrock-runtime.us-west-2.amazonaws.com").bedrockApiUrl())
                .isEqualTo(URI.create("https://bedrock-runtime.us-west-2.amazonaws.com"));
    }
}
