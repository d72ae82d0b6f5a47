package dev.headroom.gateway;

import dev.headroom.shaper.OutputShaperSettings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link Gateway}. Build with {@link #builder()}; every setting has a default.
 *
 * @param anthropicBaseUrl upstream base for Anthropic routes
 * @param openaiBaseUrl    upstream base for OpenAI routes
 * @param maxBodyBytes     largest request body accepted (after decoding); larger gets 413
 * @param connectTimeout   upstream connect timeout
 * @param headersTimeout   how long to wait for the upstream's response headers
 * @param maxRetries       retries of 429, 529, 5xx and connect errors before anything reached the client
 * @param retryAfterCap    a {@code Retry-After} longer than this is not waited for: the answer is relayed
 * @param maxConnections   concurrent upstream requests
 * @param limitConcurrency concurrent client requests; beyond it the proxy answers 503
 * @param optimize         false for pure passthrough
 * @param mode             token or cache mode
 * @param injectRetrieveTool whether requests that carry a retrieval marker get the {@code headroom_retrieve}
 *                         tool and the gateway serves its calls. When false, the engine handed to the
 *                         {@link Gateway} must be built with {@code retention(false)} (or lossless), so that
 *                         no marker is emitted that could not be redeemed; the gateway refuses any other pairing.
 * @param rateLimit        per-credential requests and tokens per minute (on by default)
 * @param responseCache    replay of identical non-streaming requests (on by default)
 * @param clock            the time source of the rate limiter, the response cache and the budget (tests inject one)
 * @param budget           spend limit per calendar period (none by default)
 * @param logMessages      whether each {@link dev.headroom.spi.RequestRecord} carries the request and response
 *                         bodies ({@code --log-messages}); off by default, and never any header
 * @param admission        the compression admission limit: request bytes under compression at once, and how
 *                         long a request may queue for it before it goes out uncompressed
 *                         ({@link CompressionAdmission}; by default 2 MiB per processor, at least
 *                         4 MiB, and 1 s)
 * @param outputShaper     the output shaper's verbosity instruction and effort routing, applied to model requests
 *                         after compression (off by default; {@link dev.headroom.shaper.OutputShaper})
 * @param geminiBaseUrl    upstream base for Gemini routes ({@code /v1beta/*})
 * @param bedrockBaseUrl   upstream base of the Bedrock passthrough routes ({@code POST /model/{id}/invoke} and
 *                         {@code /invoke-with-response-stream}, {@link BedrockPassthrough}); empty (the default)
 *                         leaves them unserved
 */
public record GatewayConfig(URI anthropicBaseUrl, URI openaiBaseUrl, long maxBodyBytes, Duration connectTimeout,
                            Duration headersTimeout, int maxRetries, Duration retryAfterCap, int maxConnections,
                            int limitConcurrency, boolean optimize, Mode mode, boolean injectRetrieveTool,
                            RateLimiter.Settings rateLimit, ResponseCache.Settings responseCache, Clock clock,
                            Budget.Settings budget, boolean logMessages, AdmissionSettings admission,
                            OutputShaperSettings outputShaper, URI geminiBaseUrl,
                            java.util.Optional<URI> bedrockBaseUrl) {

    public GatewayConfig {
        Objects.requireNonNull(anthropicBaseUrl, "anthropicBaseUrl");
        Objects.requireNonNull(openaiBaseUrl, "openaiBaseUrl");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(responseCache, "responseCache");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(outputShaper, "outputShaper");
        Objects.requireNonNull(geminiBaseUrl, "geminiBaseUrl");
        Objects.requireNonNull(bedrockBaseUrl, "bedrockBaseUrl");
        if (maxBodyBytes <= 0 || maxRetries < 0 || maxConnections < 1 || limitConcurrency < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** These settings with another budget. */
    public GatewayConfig withBudget(Budget.Settings settings) {
        return new GatewayConfig(anthropicBaseUrl, openaiBaseUrl, maxBodyBytes, connectTimeout, headersTimeout,
                maxRetries, retryAfterCap, maxConnections, limitConcurrency, optimize, mode, injectRetrieveTool,
                rateLimit, responseCache, clock, settings, logMessages, admission, outputShaper, geminiBaseUrl,
                bedrockBaseUrl);
    }

    /** These settings with another compression admission limit. */
    public GatewayConfig withAdmission(AdmissionSettings settings) {
        return new GatewayConfig(anthropicBaseUrl, openaiBaseUrl, maxBodyBytes, connectTimeout, headersTimeout,
                maxRetries, retryAfterCap, maxConnections, limitConcurrency, optimize, mode, injectRetrieveTool,
                rateLimit, responseCache, clock, budget, logMessages, settings, outputShaper, geminiBaseUrl,
                bedrockBaseUrl);
    }

    /** These settings with the Bedrock passthrough routes forwarded to {@code uri} (null: not served). */
    public GatewayConfig withBedrockBaseUrl(URI uri) {
        return new GatewayConfig(anthropicBaseUrl, openaiBaseUrl, maxBodyBytes, connectTimeout, headersTimeout,
                maxRetries, retryAfterCap, maxConnections, limitConcurrency, optimize, mode, injectRetrieveTool,
                rateLimit, responseCache, clock, budget, logMessages, admission, outputShaper, geminiBaseUrl,
                java.util.Optional.ofNullable(uri));
    }

    /** Builds a {@link GatewayConfig}. */
    public static final class Builder {
        private URI anthropic = URI.create("https://api.anthropic.com");
        private URI openai = URI.create("https://api.openai.com");
        private long maxBodyBytes = 32L * 1024 * 1024;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration headersTimeout = Duration.ofMinutes(10);
        private int maxRetries = 2;
        private Duration retryAfterCap = Duration.ofSeconds(10);
        private int maxConnections = 500;
        private int limitConcurrency = 1000;
        private boolean optimize = true;
        private Mode mode = Mode.TOKEN;
        private boolean injectRetrieveTool = true;
        private RateLimiter.Settings rateLimit = RateLimiter.Settings.defaults();
        private ResponseCache.Settings responseCache = ResponseCache.Settings.defaults();
        private Clock clock = Clock.systemUTC();
        private Budget.Settings budget = Budget.Settings.none();
        private boolean logMessages;
        private AdmissionSettings admission = AdmissionSettings.defaults();
        private OutputShaperSettings outputShaper = OutputShaperSettings.off();
        private URI gemini = URI.create("https://generativelanguage.googleapis.com");
        private URI bedrock;

        public Builder anthropicBaseUrl(URI uri) {
            this.anthropic = uri;
            return this;
        }

        public Builder openaiBaseUrl(URI uri) {
            this.openai = uri;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder headersTimeout(Duration d) {
            this.headersTimeout = d;
            return this;
        }

        public Builder maxRetries(int n) {
            this.maxRetries = n;
            return this;
        }

        public Builder retryAfterCap(Duration d) {
            this.retryAfterCap = d;
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = n;
            return this;
        }

        public Builder limitConcurrency(int n) {
            this.limitConcurrency = n;
            return this;
        }

        public Builder optimize(boolean optimize) {
            this.optimize = optimize;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** Whether to inject and serve {@code headroom_retrieve} (default true); see {@link GatewayConfig}. */
        public Builder injectRetrieveTool(boolean inject) {
            this.injectRetrieveTool = inject;
            return this;
        }

        /** Per-credential rate limits (default {@link RateLimiter.Settings#defaults()}). */
        public Builder rateLimit(RateLimiter.Settings settings) {
            this.rateLimit = settings;
            return this;
        }

        /** The response cache (default {@link ResponseCache.Settings#defaults()}). */
        public Builder responseCache(ResponseCache.Settings settings) {
            this.responseCache = settings;
            return this;
        }

        /** Time source of the rate limiter, the response cache and the budget (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** A spend limit per period (default {@link Budget.Settings#none()}). */
        public Builder budget(Budget.Settings settings) {
            this.budget = settings;
            return this;
        }

        /** Whether records carry message bodies for the request log (default false); see {@link GatewayConfig}. */
        public Builder logMessages(boolean log) {
            this.logMessages = log;
            return this;
        }

        /** The compression admission limit (default {@link AdmissionSettings#defaults()}). */
        public Builder admission(AdmissionSettings settings) {
            this.admission = settings;
            return this;
        }

        /** The output shaper (default {@link OutputShaperSettings#off()}). */
        public Builder outputShaper(OutputShaperSettings settings) {
            this.outputShaper = settings;
            return this;
        }

        /** Upstream base for Gemini routes (default {@code https://generativelanguage.googleapis.com}). */
        /**
         * Upstream base of the Bedrock passthrough routes ({@code --bedrock-api-url}), such as
         * {@code https://bedrock-runtime.us-west-2.amazonaws.com}; null (the default) leaves them unserved.
         */
        public Builder bedrockBaseUrl(URI uri) {
            this.bedrock = uri;
            return this;
        }

        public Builder geminiBaseUrl(URI uri) {
            this.gemini = uri;
            return this;
        }

        public GatewayConfig build() {
            return new GatewayConfig(anthropic, openai, maxBodyBytes, connectTimeout, headersTimeout, maxRetries,
                    retryAfterCap, maxConnections, limitConcurrency, optimize, mode, injectRetrieveTool,
                    rateLimit, responseCache, clock, budget, logMessages, admission, outputShaper, gemini,
                    java.util.Optional.ofNullable(bedrock));
        }
    }
}
