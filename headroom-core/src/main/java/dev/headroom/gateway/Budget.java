package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import dev.headroom.stats.PriceTable;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A spend limit per calendar period (UTC), shared by every client of the proxy.
 *
 * <p>Spend is what the provider reported each answered request used ({@link Usage}), priced with the proxy's
 * {@link PriceTable} (the prices of {@code /stats}); replies from the response cache and the proxy's own errors
 * cost nothing, and so do models the table does not list. It is charged to the period in which the answer
 * completed and kept in a {@link BudgetLedger}.
 *
 * <p>Before any provider request that may cost money (every method but GET, HEAD and OPTIONS: messages, chat,
 * responses, embeddings, batches…; except the free {@code count_tokens}) is forwarded, and before the rate limit
 * and the response cache, the gateway asks {@link #refuse}: once the period's spend has reached the limit, the
 * request is answered 429 in the provider's error envelope, with a {@code Retry-After} up to the next period,
 * and never forwarded. Reads (such as {@code GET /v1/models})
 * cost nothing and pass. Requests already under way when the limit is crossed complete and are charged, so
 * the spend may end a little above the limit.
 *
 * <p>A ledger that cannot be read or written does not take the proxy down: the failure is logged and the
 * request passes (fail open). Thread-safe.
 */
public final class Budget {
    private static final System.Logger LOG = System.getLogger("dev.headroom.gateway");
    private static final PriceTable NO_PRICES = new PriceTable("", "", Map.of());
    private static final BudgetLedger NO_LEDGER = new InMemoryBudgetLedger();

    /**
     * Budget settings.
     *
     * @param limitNanos the limit per period in nano-dollars (1e-9 USD); 0 for no budget
     * @param period     the calendar period the limit applies to
     * @param prices     the prices spend is computed with (those of {@code /stats})
     * @param ledger     where the spend is kept (memory, or a file that survives restarts)
     */
    public record Settings(long limitNanos, BudgetPeriod period, PriceTable prices, BudgetLedger ledger) {
        public Settings {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(prices, "prices");
            Objects.requireNonNull(ledger, "ledger");
            if (limitNanos < 0) {
                throw new IllegalArgumentException("a budget must not be negative");
            }
        }

        /** No budget (the default). */
        public static Settings none() {
            return new Settings(0, BudgetPeriod.DAILY, NO_PRICES, NO_LEDGER);
        }

        /** Whether a limit is set. */
        public boolean enabled() {
            return limitNanos > 0;
        }
    }

    /**
     * The budget at one moment.
     *
     * @param limitNanos  the limit per period
     * @param period      the period kind
     * @param periodStart when the current period began
     * @param resetsAt    when the next period begins, and the spend starts again from 0
     * @param spentNanos  the spend in the current period
     */
    public record Status(long limitNanos, BudgetPeriod period, Instant periodStart, Instant resetsAt, long spentNanos) {
        /** The limit less the spend, never below 0. */
        public long remainingNanos() {
            return Math.max(0, limitNanos - spentNanos);
        }

        /** Whether the spend has reached the limit. */
        public boolean exhausted() {
            return spentNanos >= limitNanos;
        }
    }

    private final Settings settings;
    private final Clock clock;

    public Budget(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Settings settings() {
        return settings;
    }

    /** The current period's state; empty when no budget is set, or when the ledger cannot be read. */
    public Optional<Status> status() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        BudgetPeriod p = settings.period();
        try {
            long spent = settings.ledger().spentNanos(p.key(now));
            return Optional.of(new Status(settings.limitNanos(), p, p.start(now), p.next(now), spent));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "budget ledger " + settings.ledger().location()
                    + " could not be read; the request passes: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the budget applies to a request: anything but a read, except the free token count. */
    static boolean gates(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        return !read && !path.endsWith("/count_tokens");
    }

    /**
     * Answers a request itself when the budget is exhausted: 429 in the provider's envelope, with
     * {@code Retry-After} in seconds up to the reset.
     *
     * @return whether the request was answered (and must not be forwarded)
     */
    boolean refuse(Route route, String method, String path, Backend backend, ResponseSink sink) throws IOException {
        if (!settings.enabled() || !gates(method, path)) {
            return false;
        }
        Optional<Status> status = status();
        if (status.isEmpty() || !status.get().exhausted()) {
            return false;
        }
        Status s = status.get();
        Duration wait = Duration.between(clock.instant(), s.resetsAt());
        long seconds = RateLimiter.retryAfterSeconds(wait.isNegative() ? Duration.ZERO : wait);
        String message = "Headroom proxy budget exhausted: " + usd(s.spentNanos()) + " USD spent of the "
                + s.period().label() + " budget of " + usd(s.limitNanos()) + " USD (period starting "
                + s.periodStart() + "); it resets at " + s.resetsAt() + ", in " + seconds + " s";
        String type = route.provider() == Provider.OPENAI ? "insufficient_quota" : "rate_limit_error";
        byte[] body = backend.errorBody(429, type, message).getBytes(StandardCharsets.UTF_8);
        sink.respond(429, Headers.builder().add("content-type", "application/json")
                .add("retry-after", Long.toString(seconds)).build(), body);
        return true;
    }

    /**
     * Charges what an answered request cost to the current period.
     *
     * @param model       the model, as Headroom read it from the request; when empty it is read from
     *                    {@code requestBody}
     * @param requestBody the client's request body, used only when {@code model} is empty
     * @param usage       what the provider reported
     */
    void charge(String model, byte[] requestBody, Usage usage) {
        if (!settings.enabled() || usage.equals(Usage.NONE)) {
            return;
        }
        try {
            String priced = model == null || model.isEmpty() ? modelOf(requestBody) : model;
            long nanos = settings.prices().cost(priced, usage, 0).withHeadroomNanos();
            if (nanos > 0) {
                settings.ledger().add(settings.period().key(clock.instant()), nanos);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "budget ledger " + settings.ledger().location()
                    + " could not record a request's spend: " + e.getMessage());
        }
    }

    private static String modelOf(byte[] body) {
        try {
            JsonNode json = JsonCodec.parse(body);
            return json.path("model").asText("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Nano-dollars as dollars, two decimals at least, up to six. */
    public static String usd(long nanos) {
        BigDecimal d = BigDecimal.valueOf(nanos, 9).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 2 ? d.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : d.toPlainString();
    }
}
