package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code headroom doctor} against the packaged proxy, with the shell's variables chosen by the test. */
@Timeout(90)
class DoctorCommandIT {
    @TempDir
    Path dir;
    private FakeAnthropic upstream;
    private JarProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeAnthropic("{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":11,\"output_tokens\":22}}");
        proxy = JarProxy.start(dir.resolve("home"), Map.of(), "--anthropic-api-url", upstream.url());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    record Run(int exit, String out) {
    }

    static Run doctor(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new DoctorCommand(env));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new Run(cl.execute(args), out.toString());
    }

    @Test
    void healthyWhenTheProxyAnswersAndBothBaseUrlsPointAtIt() {
        Run run = doctor(Map.of("ANTHROPIC_BASE_URL", proxy.base(), "OPENAI_BASE_URL", "http://localhost:" + proxy.port() + "/v1/"),
                "--port", Integer.toString(proxy.port()));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain("⚠").doesNotContain("✗")
                .contains("✓ Headroom ").contains("answers on 127.0.0.1:" + proxy.port() + " (healthy")
                .contains("✓ mode token, optimize on, lossless off, rate limit 1000 rpm / 5000000 tpm, cache on (600 s), stateless off")
                .contains("✓ ANTHROPIC_BASE_URL=" + proxy.base() + " points at the proxy")
                .contains("✓ retrieval store at " + dir.resolve("home/.headroom/ccr.db") + " (reachable, writable)")
                .contains("✓ savings history at ")
                .contains("✓ no requests since ");
    }

    @Test
    void warnsWithTheExportLinesWhenTheBaseUrlsAreUnset() {
        Run run = doctor(Map.of("HEADROOM_PORT", Integer.toString(proxy.port())));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("✗")
                .contains("⚠ ANTHROPIC_BASE_URL is not set, so its clients bypass the proxy — export ANTHROPIC_BASE_URL=" + proxy.base() + "\n")
                .contains("⚠ OPENAI_BASE_URL is not set, so its clients bypass the proxy — export OPENAI_BASE_URL=" + proxy.base() + "/v1\n");
    }

    @Test
    void jsonReportsEveryCheckWithItsStatusAndHint() throws Exception {
        Run run = doctor(Map.of("ANTHROPIC_BASE_URL", proxy.base(), "OPENAI_BASE_URL", proxy.base()),
                "--port", Integer.toString(proxy.port()), "--json");
        assertThat(run.exit()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("overall").asText()).isEqualTo("warning");
        assertThat(report.path("proxy").asText()).isEqualTo(proxy.base());
        List<String> names = new ArrayList<>();
        report.path("checks").forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactly("proxy", "config", "backend", "anthropic_base_url", "openai_base_url", "upstreams",
                "retention_store", "savings_history", "savings");
        JsonNode openai = report.path("checks").get(4);
        assertThat(openai.path("status").asText()).isEqualTo("warning");
        assertThat(openai.path("detail").asText()).contains("without /v1");
        assertThat(openai.path("hint").asText()).isEqualTo("export OPENAI_BASE_URL=" + proxy.base() + "/v1");
        assertThat(report.path("checks").get(0).path("status").asText()).isEqualTo("ok");
        assertThat(report.path("checks").get(0).path("hint").isNull()).isTrue();
        report.path("checks").forEach(c -> {
            List<String> keys = new ArrayList<>();
            c.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("name", "status", "detail", "hint");
        });
    }

    @Test
    void theBackendLineSaysWhetherTheAwsChainFindsBedrockCredentialsButNeverShowsThem() throws Exception {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        Map<String, String> noImds = Map.of("AWS_EC2_METADATA_DISABLED", "true");
        try (JarProxy without = JarProxy.start(dir.resolve("home-no-aws"), noImds, "--backend", "bedrock", "--region", "eu-west-1",
                "--bedrock-api-url", upstream.url());
             JarProxy with = JarProxy.start(dir.resolve("home-aws"), Map.of("AWS_EC2_METADATA_DISABLED", "true",
                     "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", secret), "--backend", "bedrock")) {
            Run missing = doctor(Map.of(), "--port", Integer.toString(without.port()));
            assertThat(missing.exit()).as(missing.out()).isEqualTo(2);
            assertThat(missing.out()).contains("✗ bedrock at https://bedrock-runtime.eu-west-1.amazonaws.com, Bedrock "
                    + "InvokeModel signed with SigV4; the proxy finds no AWS credentials");
            Run found = doctor(Map.of(), "--port", Integer.toString(with.port()));
            assertThat(found.out()).contains("✓ bedrock at https://bedrock-runtime.us-west-2.amazonaws.com, Bedrock "
                    + "InvokeModel signed with SigV4; AWS credentials found by the proxy's AWS credentials chain")
                    .doesNotContain(secret).doesNotContain("AKIAIOSFODNN7EXAMPLE");

            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String withHealth = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(with.base() + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(withHealth).doesNotContain(secret).doesNotContain("AKIAIOSFODNN7EXAMPLE");
            JsonNode backend = new ObjectMapper().readTree(withHealth).path("config").path("backend");
            assertThat(backend.path("name").asText()).isEqualTo("bedrock");
            assertThat(backend.path("credentials_present").asBoolean()).isTrue();
            JsonNode withoutConfig = new ObjectMapper().readTree(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(without.base() + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                    .path("config");
            assertThat(withoutConfig.path("backend").path("credentials_present").asBoolean()).isFalse();
            assertThat(withoutConfig.path("bedrock_api_url").asText()).isEqualTo(upstream.url());
        }
    }
}
