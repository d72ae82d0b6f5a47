package dev.headroom.cli;

import dev.headroom.wire.JsonCodec;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --log-messages}: bodies in the request log only when asked for, and never a key or header. */
@Timeout(90)
class RequestLogMessagesIT {
    private static final String KEY = "sk-ant-api03-LOGMSG-PLANTED-0123456789";
    private static final String BEARER = "sk-proj-LOGMSG-BEARER-abcdef";
    private static final String QUESTION = "where did the purple owl 7731 fly";
    private static final String ANSWER = "the owl flew to hoot-4242";
    @TempDir
    Path dir;
    private FakeAnthropic upstream;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeAnthropic("{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\""
                + ANSWER + "\"}],\"usage\":{\"input_tokens\":11,\"output_tokens\":22}}");
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private String logAfterOneRequest(String... flags) throws Exception {
        Path log = dir.resolve("requests.jsonl");
        String[] args = new String[flags.length + 4];
        args[0] = "--log-file";
        args[1] = log.toString();
        args[2] = "--anthropic-api-url";
        args[3] = upstream.url();
        System.arraycopy(flags, 0, args, 4, flags.length);
        try (JarProxy proxy = JarProxy.start(dir.resolve("home"), Map.of(), args)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.base() + "/v1/messages"))
                    .header("x-api-key", KEY).header("Authorization", "Bearer " + BEARER).header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            for (int attempt = 0; attempt < 100 && (!Files.exists(log) || Files.readString(log).isEmpty()); attempt++) {
                Thread.sleep(50); // the record lands just after the response completes
            }
        }
        return Files.readString(log);
    }

    @Test
    void withLogMessagesTheLogHoldsBothBodiesButNoKeyOrHeader() throws Exception {
        String log = logAfterOneRequest("--log-messages");
        assertThat(log).contains(QUESTION).contains(ANSWER)
                .doesNotContain(KEY).doesNotContain(BEARER).doesNotContain("PLANTED")
                .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("x-api-key")
                .doesNotContain("anthropic-version");
        JsonNode line = JsonCodec.parse(log.lines().findFirst().orElseThrow());
        assertThat(line.at("/messages/request/messages/0/content").asText()).isEqualTo(QUESTION);
        assertThat(line.at("/messages/response/content/0/text").asText()).isEqualTo(ANSWER);
    }

    @Test
    void withoutLogMessagesTheLogHoldsNoContent() throws Exception {
        String log = logAfterOneRequest();
        assertThat(log).isNotEmpty().doesNotContain(QUESTION).doesNotContain("purple").doesNotContain(ANSWER)
                .doesNotContain("\"messages\"").doesNotContain(KEY).doesNotContain(BEARER);
    }

    @Test
    void logMessagesWithoutALogFileIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = HeadroomCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("proxy", "--port", "0", "--log-messages")).isEqualTo(2);
        assertThat(err.toString()).contains("--log-messages").contains("--log-file");
    }
}
