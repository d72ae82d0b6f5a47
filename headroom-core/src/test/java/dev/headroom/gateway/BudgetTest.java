package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.Usage;
import dev.headroom.stats.PriceTable;
import dev.headroom.testkit.MutableClock;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetTest {
    /** One dollar per million input tokens, two per million output tokens. */
    private static final PriceTable PRICES = new PriceTable("2025-01-01", "",
            Map.of("model-a", new PriceTable.ModelPrice(1, 2, 0.1, 1.25)));
    private static final Route MESSAGES = new Route(Provider.ANTHROPIC, Optional.of(WireFormat.ANTHROPIC_MESSAGES));
    private static final Route CHAT = new Route(Provider.OPENAI, Optional.of(WireFormat.OPENAI_CHAT));
    private static final byte[] NO_BODY = new byte[0];

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T22:15:00Z"));
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger();

    private Budget budget(double usd, BudgetPeriod period) {
        return new Budget(new Budget.Settings(Math.round(usd * 1e9), period, PRICES, ledger), clock);
    }

    private static final class Captured implements ResponseSink {
        int status;
        Headers headers;
        String body;

        @Override
        public void respond(int status, Headers headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public OutputStream stream(int status, Headers headers) {
            throw new AssertionError("a refusal is never streamed");
        }
    }

    private Captured ask(Budget b, Route route, String path) throws IOException {
        return ask(b, route, "POST", path);
    }

    private Captured ask(Budget b, Route route, String method, String path) throws IOException {
        Captured sink = new Captured();
        boolean refused = b.refuse(route, method, path, route.provider() == Provider.OPENAI ? new OpenAiBackend() : new AnthropicBackend(), sink);
        assertThat(refused).isEqualTo(sink.status != 0);
        return sink;
    }

    @Test
    void theRequestAfterTheSpendReachesTheLimitGets429UntilTheNextDay() throws Exception {
        Budget b = budget(1.00, BudgetPeriod.DAILY);
        assertThat(ask(b, MESSAGES, "/v1/messages").status).isZero();
        b.charge("model-a", NO_BODY, new Usage(400_000, 100_000, 0, 0)); // 0.40 + 0.20
        assertThat(ask(b, MESSAGES, "/v1/messages").status).as("0.60 of 1.00 spent").isZero();
        b.charge("model-a", NO_BODY, new Usage(400_000, 0, 0, 0)); // 1.00 exactly
        Captured refused = ask(b, MESSAGES, "/v1/messages");
        assertThat(refused.status).isEqualTo(429);
        assertThat(refused.headers.first("retry-after")).contains(Long.toString(Duration.ofMinutes(105).toSeconds()));
        JsonNode envelope = JsonCodec.parse(refused.body.getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.path("type").asText()).isEqualTo("error");
        assertThat(envelope.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(envelope.at("/error/message").asText())
                .contains("daily budget of 1.00 USD", "1.00 USD spent", "resets at 2025-03-11T00:00:00Z");

        clock.set(Instant.parse("2025-03-10T23:59:59.500Z"));
        assertThat(ask(b, MESSAGES, "/v1/messages").headers.first("retry-after")).as("rounded up").contains("1");
        clock.set(Instant.parse("2025-03-11T00:00:00Z"));
        assertThat(ask(b, MESSAGES, "/v1/messages").status).as("a new day").isZero();
        assertThat(b.status().orElseThrow().spentNanos()).isZero();
        assertThat(ledger.spentNanos("daily:2025-03-10T00:00:00Z")).isEqualTo(1_000_000_000L);
    }

    @Test
    void openAiRoutesGetTheOpenAiEnvelopeAndFreeRoutesPass() throws Exception {
        Budget b = budget(0.01, BudgetPeriod.HOURLY);
        b.charge("model-a", NO_BODY, new Usage(20_000, 0, 0, 0));
        Captured chat = ask(b, CHAT, "/v1/chat/completions");
        assertThat(chat.status).isEqualTo(429);
        JsonNode envelope = JsonCodec.parse(chat.body.getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.at("/error/type").asText()).isEqualTo("insufficient_quota");
        assertThat(envelope.at("/error/message").asText()).contains("hourly budget of 0.01 USD", "resets at 2025-03-10T23:00:00Z");
        assertThat(chat.headers.first("retry-after")).contains("2700");
        assertThat(ask(b, new Route(Provider.OPENAI, Optional.empty()), "GET", "/v1/models").status).isZero();
        assertThat(ask(b, new Route(Provider.OPENAI, Optional.empty()), "/v1/embeddings").status)
                .as("a paid route the pipeline does not compress").isEqualTo(429);
        assertThat(ask(b, new Route(Provider.ANTHROPIC, Optional.empty()), "/v1/messages/batches").status).isEqualTo(429);
        assertThat(ask(b, MESSAGES, "/v1/messages/count_tokens").status).isZero();
        clock.advance(Duration.ofMinutes(45));
        assertThat(ask(b, CHAT, "/v1/chat/completions").status).isZero();
    }

    @Test
    void cachedAndFailedAnswersAndUnlistedModelsCostNothingAndTheModelFallsBackToTheBody() {
        Budget b = budget(5, BudgetPeriod.MONTHLY);
        b.charge("model-a", NO_BODY, Usage.NONE);
        b.charge("unlisted", NO_BODY, new Usage(1_000_000, 0, 0, 0));
        assertThat(b.status().orElseThrow().spentNanos()).isZero();
        b.charge("", "{\"model\":\"model-a\"}".getBytes(StandardCharsets.UTF_8), new Usage(0, 0, 1_000_000, 1_000_000));
        Budget.Status s = b.status().orElseThrow();
        assertThat(s.spentNanos()).isEqualTo(1_350_000_000L);
        assertThat(s.remainingNanos()).isEqualTo(3_650_000_000L);
        assertThat(s.periodStart()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(s.resetsAt()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
        assertThat(BudgetJson.tree(s).toString()).isEqualTo("{\"limit_usd\":5.000000,\"period\":\"monthly\","
                + "\"period_start\":\"2025-03-01T00:00:00Z\",\"spent_usd\":1.350000,\"remaining_usd\":3.650000,"
                + "\"resets_at\":\"2025-04-01T00:00:00Z\",\"exhausted\":false}");
    }

    @Test
    void noBudgetRefusesNothingAndRecordsNothing() throws Exception {
        Budget b = new Budget(Budget.Settings.none(), clock);
        b.charge("claude-sonnet-4-5", NO_BODY, new Usage(1_000_000, 0, 0, 0));
        assertThat(b.status()).isEmpty();
        assertThat(ask(b, MESSAGES, "/v1/messages").status).isZero();
    }

    @Test
    void concurrentChargesAreExact() throws Exception {
        Budget b = budget(1_000, BudgetPeriod.DAILY);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    b.charge("model-a", NO_BODY, new Usage(1_234, 567, 0, 0));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(b.status().orElseThrow().spentNanos()).isEqualTo(1_000L * (1_234_000 + 567 * 2_000));
    }

    @Test
    void aLedgerThatFailsLetsRequestsThrough() throws Exception {
        BudgetLedger broken = new BudgetLedger() {
            @Override
            public long spentNanos(String periodKey) {
                throw new IllegalStateException("disk gone");
            }

            @Override
            public void add(String periodKey, long nanos) {
                throw new IllegalStateException("disk gone");
            }

            @Override
            public String location() {
                return "broken";
            }
        };
        Budget b = new Budget(new Budget.Settings(1, BudgetPeriod.DAILY, PRICES, broken), clock);
        b.charge("model-a", NO_BODY, new Usage(1_000, 0, 0, 0));
        assertThat(ask(b, MESSAGES, "/v1/messages").status).isZero();
    }

    @Test
    void periodsAreCalendarPeriodsInUtc() {
        Instant t = Instant.parse("2024-02-29T13:45:12Z");
        assertThat(BudgetPeriod.HOURLY.next(t)).isEqualTo(Instant.parse("2024-02-29T14:00:00Z"));
        assertThat(BudgetPeriod.DAILY.next(t)).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTHLY.start(t)).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTHLY.next(Instant.parse("2024-12-31T23:59:59Z"))).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(BudgetPeriod.DAILY.key(t)).isEqualTo("daily:2024-02-29T00:00:00Z");
        assertThat(BudgetPeriod.parse(" Monthly ")).contains(BudgetPeriod.MONTHLY);
        assertThat(BudgetPeriod.parse("weekly")).isEmpty();
        assertThat(Budget.usd(1_500_000_000L)).isEqualTo("1.50");
        assertThat(Budget.usd(1_234_567L)).isEqualTo("0.001235");
    }
}
