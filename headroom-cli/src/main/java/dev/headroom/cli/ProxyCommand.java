package dev.headroom.cli;

import dev.headroom.core.Headroom;
import dev.headroom.ccr.SqliteRetentionStore;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.retention.InMemoryRetentionStore;
import dev.headroom.retention.RetentionStore;
import dev.headroom.retention.WriteBehindRetentionStore;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Budget;
import dev.headroom.gateway.AdmissionSettings;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.Mode;
import dev.headroom.gateway.RateLimiter;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.gateway.SessionPrefixStore;
import dev.headroom.memory.agent.AgentMemory;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.proxy.ServerThreads;
import dev.headroom.stats.SavingsHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code headroom proxy}: the standalone proxy. Every option also reads a {@code HEADROOM_*} variable. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"Run the compression proxy. Point clients at it by base URL:",
                "  ANTHROPIC_BASE_URL=http://127.0.0.1:8787   OPENAI_BASE_URL=http://127.0.0.1:8787/v1"})
final class ProxyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "${env:HEADROOM_HOST:-127.0.0.1}", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:HEADROOM_PORT:-8787}", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = {"--workers", "--threads"}, paramLabel = "N", defaultValue = "${env:HEADROOM_WORKERS:-${env:HEADROOM_THREADS:-0}}",
            description = {"Request threads: N platform threads serve at most N requests at once (a request, streaming "
                    + "included, holds its thread; more wait in the queue). 0 (default): virtual threads on Java 21+, "
                    + "Jetty's pool of up to 250 threads before. Env: HEADROOM_WORKERS (or HEADROOM_THREADS)."})
    int workers;

    @Option(names = "--limit-concurrency", defaultValue = "${env:HEADROOM_LIMIT_CONCURRENCY:-1000}", description = "Concurrent requests before 503 (default ${DEFAULT-VALUE}).")
    int limitConcurrency;

    @Option(names = "--max-connections", defaultValue = "${env:HEADROOM_MAX_CONNECTIONS:-500}", description = "Concurrent upstream requests (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-keepalive", defaultValue = "${env:HEADROOM_MAX_KEEPALIVE:-100}", description = "Idle upstream connections kept (default ${DEFAULT-VALUE}).")
    int maxKeepalive;

    @Option(names = "--compress-limit-mb", defaultValue = "${env:HEADROOM_COMPRESS_LIMIT_MB:-0}",
            description = "MiB of request bodies under compression at once; others queue, then pass through uncompressed "
                    + "(default 0: 2 MiB per processor, at least 4).")
    long compressLimitMb;

    @Option(names = "--compress-wait-ms", defaultValue = "${env:HEADROOM_COMPRESS_WAIT_MS:-1000}",
            description = "How much later a request over --compress-limit-mb may go out for being compressed: it queues only "
                    + "while its compression can still end within this time, else it goes out uncompressed (default ${DEFAULT-VALUE}).")
    long compressWaitMs;

    @Option(names = "--no-optimize", defaultValue = "${env:HEADROOM_NO_OPTIMIZE:-false}", description = "Pure passthrough: forward requests unchanged.")
    boolean noOptimize;

    @Option(names = "--mode", defaultValue = "${env:HEADROOM_MODE:-token}", description = "token (default) or cache.")
    String mode;

    @Option(names = "--target-ratio", defaultValue = "${env:HEADROOM_TARGET_RATIO:-0}", description = "Desired output size relative to input, in (0, 1].")
    double targetRatio;

    @Option(names = "--lossless", defaultValue = "${env:HEADROOM_LOSSLESS:-false}", description = "Only transformations that lose nothing.")
    boolean lossless;

    @Mixin
    CompressionSwitches switches;

    @Mixin
    OutputShaperSwitches shaper;

    @Mixin
    MemorySwitches memorySwitches;

    @Mixin
    BackendSwitches backendSwitches;

    @Option(names = "--telemetry", negatable = true, fallbackValue = "true", converter = CompressionSwitches.Switch.class,
            defaultValue = "${env:HEADROOM_TELEMETRY:-false}",
            description = {"Accepted for compatibility and off by default; either way nothing is ever sent anywhere: this "
                    + "proxy has no telemetry endpoint and talks only to the upstreams you configure. "
                    + "Env: HEADROOM_TELEMETRY=on|off."})
    boolean telemetry;

    @Option(names = "--no-ccr-inject-tool", defaultValue = "${env:HEADROOM_NO_CCR_INJECT_TOOL:-false}",
            description = "Do not inject the retrieve tool; compression is then lossless only.")
    boolean noCcrInjectTool;

    @Option(names = "--stateless", defaultValue = "${env:HEADROOM_STATELESS:-false}", description = "Keep everything in memory; write no file.")
    boolean stateless;

    @Option(names = "--store", defaultValue = "${env:HEADROOM_STORE}", paramLabel = "URL",
            description = "Shared state for a fleet: redis://HOST:PORT/DB keeps the originals behind markers, the budget's "
                    + "spend, the rate-limit buckets, the response cache and cache mode's session prefixes in Redis.")
    String store;

    private SharedStore shared;

    @Option(names = "--history-retention-days", defaultValue = "${env:HEADROOM_HISTORY_RETENTION_DAYS:-365}",
            description = "Days of hourly savings history kept (default ${DEFAULT-VALUE}); lifetime totals are kept regardless.")
    int historyRetentionDays;

    @Option(names = "--allow-open", defaultValue = "${env:HEADROOM_ALLOW_OPEN:-false}", description = "Allow a non-loopback host without HEADROOM_PROXY_TOKEN.")
    boolean allowOpen;

    @Option(names = "--anthropic-api-url", defaultValue = "${env:ANTHROPIC_TARGET_API_URL:-https://api.anthropic.com}", description = "Anthropic upstream (default ${DEFAULT-VALUE}).")
    URI anthropicApiUrl;

    @Option(names = "--openai-api-url", defaultValue = "${env:OPENAI_TARGET_API_URL:-https://api.openai.com}", description = "OpenAI upstream (default ${DEFAULT-VALUE}).")
    URI openaiApiUrl;

    @Option(names = "--gemini-api-url", defaultValue = "${env:GEMINI_TARGET_API_URL:-https://generativelanguage.googleapis.com}",
            description = "Gemini upstream for /v1beta/* (default ${DEFAULT-VALUE}).")
    URI geminiApiUrl;

    @Option(names = "--no-rate-limit", defaultValue = "${env:HEADROOM_NO_RATE_LIMIT:-false}", description = "Do not rate-limit per API key.")
    boolean noRateLimit;

    @Option(names = "--rpm", defaultValue = "${env:HEADROOM_RPM:-1000}", description = "Requests per minute per API key (default ${DEFAULT-VALUE}).")
    long rpm;

    @Option(names = "--tpm", defaultValue = "${env:HEADROOM_TPM:-5000000}", description = "Request tokens per minute per API key (default ${DEFAULT-VALUE}).")
    long tpm;

    @Option(names = "--no-cache", defaultValue = "${env:HEADROOM_NO_CACHE:-false}", description = "Do not replay identical non-streaming requests.")
    boolean noCache;

    @Option(names = "--cache-ttl", defaultValue = "${env:HEADROOM_CACHE_TTL:-600}", description = "Seconds a cached answer is replayed (default ${DEFAULT-VALUE}).")
    long cacheTtl;
    @Option(names = "--log-file", defaultValue = "${env:HEADROOM_LOG_FILE}", paramLabel = "PATH",
            description = "Append one JSON line per request (ids, tokens, latencies, status; never keys or headers) to PATH.")
    Path logFile;

    @Option(names = "--log-messages", defaultValue = "${env:HEADROOM_LOG_MESSAGES:-false}",
            description = "Also write request and (non-streamed) response bodies to the --log-file; never headers.")
    boolean logMessages;

    @Option(names = "--prices", defaultValue = "${env:HEADROOM_PRICES}", paramLabel = "FILE",
            description = "Price table (JSON) for cost figures, replacing the built-in list prices.")
    Path pricesFile;

    @Option(names = "--budget", defaultValue = "${env:HEADROOM_BUDGET}", paramLabel = "USD",
            description = "Spend limit in US dollars per --budget-period (provider-reported usage at the price table's prices); "
                    + "once reached, model requests get 429 until the period ends. None by default.")
    String budget;

    @Option(names = "--budget-period", defaultValue = "${env:HEADROOM_BUDGET_PERIOD:-daily}", paramLabel = "PERIOD",
            description = "hourly, daily (default) or monthly: calendar periods in UTC.")
    String budgetPeriod;

    @Override
    public Integer call() throws InterruptedException {
        Mode parsedMode;
        try {
            parsedMode = Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fail("--mode must be token or cache, got '" + mode + "'");
        }
        if (workers < 0 || workers > 10_000) {
            return fail("--workers must be in [0, 10000] (0 for automatic), got " + workers);
        }
        ServerThreads threads = new ServerThreads(workers);
        if (targetRatio < 0 || targetRatio > 1) {
            return fail("--target-ratio must be in (0, 1], got " + targetRatio);
        }
        if (rpm < 1 || rpm > 100_000_000 || tpm < 1 || tpm > 100_000_000) {
            return fail("--rpm and --tpm must be in [1, 100000000], got " + rpm + " and " + tpm);
        }
        if (logMessages && logFile == null) {
            return fail("--log-messages writes message bodies to the request log, so it needs --log-file PATH");
        }
        if (compressLimitMb < 0 || compressLimitMb > 1 << 20 || compressWaitMs < 0) {
            return fail("--compress-limit-mb must be in [0, 1048576] and --compress-wait-ms not negative, got "
                    + compressLimitMb + " and " + compressWaitMs);
        }
        if (cacheTtl < 1) {
            return fail("--cache-ttl must be a positive number of seconds, got " + cacheTtl);
        }
        Optional<BudgetOption> budgetLimit;
        try {
            budgetLimit = BudgetOption.parse(budget, budgetPeriod);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        // The JDK HTTP client reads its idle-pool size once, when it is first used.
        System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(maxKeepalive));
        // Markers are emitted only when the proxy injects headroom_retrieve and serves the calls itself;
        // without the tool, compression is lossless.
        Optional<String> conflict = switches.conflict().or(shaper::conflict).or(memorySwitches::conflict);
        if (conflict.isPresent()) {
            return fail(conflict.get());
        }
        try {
            shared = SharedStore.open(store, stateless);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        HeadroomEngine engine = switches.apply(Headroom.builder()).lossless(lossless).targetRatio(targetRatio)
                .retention(!noCcrInjectTool)
                .retentionStore(shared.retention().orElseGet(
                        () -> stateless ? new InMemoryRetentionStore() : new WriteBehindRetentionStore(SqliteRetentionStore.openDefault())))
                .build();
        if (historyRetentionDays < 1) {
            return fail("--history-retention-days must be at least 1, got " + historyRetentionDays);
        }
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(anthropicApiUrl).openaiBaseUrl(openaiApiUrl).geminiBaseUrl(geminiApiUrl)
                .maxConnections(maxConnections).limitConcurrency(limitConcurrency).optimize(!noOptimize)
                .mode(parsedMode).injectRetrieveTool(!noCcrInjectTool)
                .rateLimit(new RateLimiter.Settings(!noRateLimit, rpm, tpm).withShared(shared.rateLimit()))
                .responseCache((noCache ? ResponseCache.Settings.disabled() : ResponseCache.Settings.defaults())
                        .withTtl(Duration.ofSeconds(cacheTtl)).withShared(shared.responseCache()))
                .logMessages(logMessages)
                .outputShaper(shaper.settings())
                .admission(new AdmissionSettings(compressLimitMb == 0 ? AdmissionSettings.defaultMaxBytes()
                        : compressLimitMb << 20, Duration.ofMillis(compressWaitMs)))
                .build();
        ProxyStats proxyStats;
        try {
            proxyStats = ProxyStats.open(pricesFile, logFile, stateless, Duration.ofDays(historyRetentionDays));
        } catch (IOException | RuntimeException e) {
            return fail(e.getMessage());
        }
        SavingsHistory history = proxyStats.history();
        proxyStats.shareHistory(shared);
        try {
            config = config.withBudget(BudgetOption.settings(budgetLimit, stateless, proxyStats.prices(), shared.budgetLedger()));
        } catch (RuntimeException e) {
            proxyStats.close();
            return fail("budget: " + e.getMessage());
        }
        AgentMemory memory = new AgentMemory(memorySwitches.settings(stateless));
        Backends backends;
        dev.headroom.gateway.MessagesUpstream messages;
        try {
            backends = backendSwitches.configure(Backends.discover(ProxyCommand.class.getClassLoader()));
            config = config.withBedrockBaseUrl(backendSwitches.bedrockApiUrl());
            messages = backendSwitches.messagesUpstream(backends, anthropicApiUrl, openaiApiUrl, System::getenv);
        } catch (IllegalArgumentException e) {
            proxyStats.close();
            return fail(e.getMessage());
        }
        Gateway gateway = new Gateway(engine, config, backends, proxyStats.sink(), memory, messages,
                shared.sessionPrefixes().orElseGet(SessionPrefixStore::inMemory));
        Optional<String> token = Optional.ofNullable(System.getenv("HEADROOM_PROXY_TOKEN"));
        ProxyServer server;
        try {
            server = ProxyServer.start(gateway, host, port, token, allowOpen, threads, c -> {
                proxyStats.configure(c);
                c.stateless = stateless;
            });
        } catch (IllegalArgumentException e) {
            proxyStats.close();
            return fail(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            proxyStats.close();
            memory.close();
            gateway.config().budget().ledger().close();
            closeRetention(engine.retentionStore());
            stopped.countDown();
        }, "headroom-shutdown"));
        banner(server.port(), parsedMode, engine, gateway.budget(), threads);
        spec.commandLine().getOut().println(BackendSwitches.describe(messages));
        spec.commandLine().getOut().println("  savings history: " + history.location()
                + proxyStats.fleetLocation().map(f -> ", fleet " + f).orElse("") + "   dashboard: http://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port() + "/dashboard");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /** Writes the originals still waiting for the file, so a marker issued before the stop stays redeemable. */
    private static void closeRetention(RetentionStore store) {
        if (store instanceof WriteBehindRetentionStore writeBehind) {
            try {
                writeBehind.close();
            } catch (Exception e) {
                System.err.println("headroom: closing the retrieval store failed: " + e.getMessage());
            }
        }
    }

    private void banner(int boundPort, Mode parsedMode, HeadroomEngine engine, Budget spendLimit, ServerThreads threads) {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        String url = "http://" + shownHost + ":" + boundPort;
        PrintWriter out = spec.commandLine().getOut();
        out.println("Headroom proxy listening on " + url);
        out.println("  mode: " + parsedMode.name().toLowerCase(Locale.ROOT) + (noOptimize ? " (passthrough)" : "")
                + (lossless || noCcrInjectTool ? ", lossless" : "") + ", compressors: " + engine.compressors().size());
        out.println(switches.describe() + "; telemetry: off"
                + (telemetry ? " (--telemetry accepted; this proxy sends nothing anywhere)" : ""));
        out.println("  " + shaper.settings().describe());
        out.println("  " + (stateless && memorySwitches.requested() ? "memory: off (--stateless: no memory, no learning)"
                : memorySwitches.settings(stateless).describe()));
        out.println("  request threads: " + threads.describe());
        out.println("  retrieval store: " + shared.describe().orElse(stateless ? "memory (--stateless)" : SqliteRetentionStore.defaultFile().toString()));
        out.println("  rate limit: " + (noRateLimit ? "off" : rpm + " requests, " + tpm + " tokens per minute per API key")
                + "; response cache: " + (noCache ? "off" : "on, " + cacheTtl + " s" + (shared.describe().isPresent() ? " (shared)" : "")));
        out.println("  budget: " + BudgetOption.describe(spendLimit));
        if (logFile != null) {
            out.println("  request log: " + logFile.toAbsolutePath() + (logMessages ? " (with message bodies)" : ""));
        }
        out.println("  upstreams: anthropic " + anthropicApiUrl + ", openai " + openaiApiUrl + ", gemini " + geminiApiUrl
                + (backendSwitches.bedrockApiUrl == null ? "" : ", bedrock " + backendSwitches.bedrockApiUrl
                + " (/model/{id}/invoke*, region " + backendSwitches.region + ")"));
        out.println("Point your clients at it:");
        out.println("  export ANTHROPIC_BASE_URL=" + url);
        out.println("  export OPENAI_BASE_URL=" + url + "/v1");
        out.println("  export GOOGLE_GEMINI_BASE_URL=" + url);
        out.flush();
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("headroom: error: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
