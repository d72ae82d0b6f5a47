package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code headroom proxy --budget}: the packaged proxy keeps the month's spend in {@code $HOME/.headroom/history.db}
 * across a restart and refuses what would exceed it; with {@code --stateless} the spend lives in memory only.
 */
@Timeout(120)
class BudgetRestartIT {
    /** 40 input and 6 output tokens of claude-sonnet-4-5 at $3 and $15 per million: $0.00021 a request. */
    private static final BigDecimal ONE_REQUEST = new BigDecimal("0.000210");

    private final HttpClient client = HttpClient.newHttpClient();
    private FakeAnthropic upstream;
    private Path home;
    private int sent;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeAnthropic("{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[],\"usage\":{\"input_tokens\":40,\"output_tokens\":6}}");
        home = Files.createTempDirectory(Path.of("target"), "budget-home").toAbsolutePath();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    /** Two requests' worth a month (monthly, so that a run never straddles a reset in practice). */
    private JarProxy startProxy(String... more) throws Exception {
        String[] args = Stream.concat(Stream.of("--anthropic-api-url", upstream.url(), "--budget", "0.0004",
                "--budget-period", "monthly"), Stream.of(more)).toArray(String[]::new);
        return JarProxy.start(home, Map.of(), args);
    }

    /** Sends a request unlike the ones before (identical ones would be answered by the response cache). */
    private HttpResponse<String> send(String base) throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"question "
                + (++sent) + "\"}]}";
        return client.send(HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                .header("x-api-key", "sk-ant-test").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The budget of {@code /stats} once at least {@code spent} was charged (a request is charged just after its answer). */
    private JsonNode budget(String base, BigDecimal spent) throws Exception {
        JsonNode budget;
        do {
            budget = JsonCodec.parse(client.send(HttpRequest.newBuilder(URI.create(base + "/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("budget");
        } while (budget.get("spent_usd").decimalValue().compareTo(spent) < 0);
        return budget;
    }

    private static void stop(JarProxy p) throws InterruptedException {
        assertThat(p.stop()).isIn(0, 143);
    }

    @Test
    void spendSurvivesARestartAndTheRequestThatFindsTheBudgetSpentIsRefused() throws Exception {
        JarProxy first = startProxy();
        try {
            assertThat(first.banner()).contains("budget: 0.0004 USD monthly (UTC), 0.00 USD spent",
                    home.resolve(".headroom").resolve("history.db").toString());
            assertThat(send(first.base()).statusCode()).isEqualTo(200);
            assertThat(budget(first.base(), ONE_REQUEST).get("spent_usd").decimalValue()).isEqualByComparingTo(ONE_REQUEST);
        } finally {
            stop(first);
        }

        JarProxy second = startProxy();
        try {
            String base = second.base();
            assertThat(second.banner()).contains("0.00021 USD spent");
            JsonNode budget = budget(base, ONE_REQUEST);
            assertThat(budget.get("spent_usd").decimalValue()).as("kept across the restart").isEqualByComparingTo(ONE_REQUEST);
            assertThat(budget.get("exhausted").asBoolean()).isFalse();
            assertThat(send(base).statusCode()).isEqualTo(200);
            assertThat(budget(base, ONE_REQUEST.add(ONE_REQUEST)).get("exhausted").asBoolean()).isTrue();

            HttpResponse<String> refused = send(base);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow())).isPositive();
            JsonNode error = JsonCodec.parse(refused.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
            assertThat(error.get("message").asText()).contains("monthly budget of 0.0004 USD", "resets at ");
            assertThat(upstream.requests()).as("the refused request was not forwarded").isEqualTo(2);
        } finally {
            stop(second);
        }
    }

    @Test
    void statelessKeepsTheSpendInMemoryOnly() throws Exception {
        JarProxy first = startProxy("--stateless");
        try {
            assertThat(first.banner()).contains("spend kept in memory");
            assertThat(send(first.base()).statusCode()).isEqualTo(200);
            assertThat(budget(first.base(), ONE_REQUEST).get("spent_usd").decimalValue()).isEqualByComparingTo(ONE_REQUEST);
        } finally {
            stop(first);
        }
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files).as("no file under HOME").isEmpty();
        }
        JarProxy second = startProxy("--stateless");
        try {
            assertThat(budget(second.base(), BigDecimal.ZERO).get("spent_usd").decimalValue()).isZero();
        } finally {
            stop(second);
        }
    }

    @Test
    void refusesAnInvalidBudgetWithExitTwo() {
        StringWriter err = new StringWriter();
        CommandLine cl = HeadroomCli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("proxy", "--port", "0", "--budget", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--budget must be a positive amount of US dollars");
        assertThat(cl.execute("proxy", "--port", "0", "--budget", "ten")).isEqualTo(2);
        assertThat(err.toString()).contains("--budget must be an amount in US dollars");
        assertThat(cl.execute("proxy", "--port", "0", "--budget", "5", "--budget-period", "weekly")).isEqualTo(2);
        assertThat(err.toString()).contains("--budget-period must be hourly, daily or monthly, got 'weekly'");
        assertThat(err.toString().lines()).hasSize(3);
    }
}
