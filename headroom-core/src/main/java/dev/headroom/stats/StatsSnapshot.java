package dev.headroom.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind {@code /stats} at one moment: immutable, maps sorted by key. Costs are in nano-dollars
 * (1e-9 USD) so that they add up exactly; {@link StatsJson} renders dollars.
 *
 * @param since       when counting started (aggregator creation or last reset)
 * @param requests    request counts
 * @param tokens      token counts
 * @param cost        costs from the price table
 * @param latency     total latency, Headroom's overhead and time to first byte
 * @param compressors compressions and tokens saved by compressor (the transform's prefix before {@code ':'})
 * @param reasons     units left alone, by reason code
 * @param recent      the last requests, newest first
 */
public record StatsSnapshot(Instant since, Requests requests, Tokens tokens, Costs cost, Latencies latency,
                            Map<String, CompressorStats> compressors, Map<String, Long> reasons,
                            List<RecentRequest> recent) {

    /**
     * @param rateLimited requests answered 429 (by the proxy's limits or by the provider)
     * @param failed      requests answered with a status of 400 or more
     */
    public record Requests(long total, long compressed, long cached, long rateLimited, long failed,
                           Map<String, Long> byProvider, Map<String, Long> byModel) {
    }

    /**
     * Provider-reported usage ({@code input}, {@code output}, {@code cacheRead}, {@code cacheWrite}) and
     * Headroom's own counts of the request before and after compression.
     */
    public record Tokens(long input, long output, long cacheRead, long cacheWrite, long before, long after) {
        /** Tokens removed by compression. */
        public long saved() {
            return before - after;
        }

        /** Saved tokens as a percentage of the tokens before compression, 0 when nothing was counted. */
        public double savingsPercent() {
            return before == 0 ? 0 : 100.0 * saved() / before;
        }
    }

    /**
     * @param withHeadroomNanos    what the provider bills for the requests as sent
     * @param withoutHeadroomNanos what it would have billed without compression
     * @param perModel             by model
     * @param unpricedModels       models the price table does not list (counted at 0)
     * @param pricesAsOf           the date of the price table
     * @param pricesNote           what the price table says about itself
     */
    public record Costs(long withHeadroomNanos, long withoutHeadroomNanos, Map<String, ModelStats> perModel,
                        List<String> unpricedModels, String pricesAsOf, String pricesNote) {
        public long savedNanos() {
            return withoutHeadroomNanos - withHeadroomNanos;
        }
    }

    /** Requests, tokens and cost of one model. */
    public record ModelStats(long requests, long inputTokens, long outputTokens, long cacheReadTokens,
                             long cacheWriteTokens, long tokensSaved, long withHeadroomNanos,
                             long withoutHeadroomNanos) {
        public long savedNanos() {
            return withoutHeadroomNanos - withHeadroomNanos;
        }
    }

    /** Latency summaries in milliseconds. */
    public record Latencies(Summary total, Summary overhead, Summary ttfb) {
    }

    /** Count, average, median and 99th percentile, in milliseconds. */
    public record Summary(long count, double avg, double p50, double p99) {
    }

    /**
     * @param compressions units this compressor replaced
     * @param tokensSaved  tokens those replacements saved
     * @param transforms   compressions by transform name
     */
    public record CompressorStats(long compressions, long tokensSaved, Map<String, Long> transforms) {
    }

    /** One recent request: numbers only, never content or credentials. */
    public record RecentRequest(String id, Instant time, String provider, String model, int status,
                                long tokensBefore, long tokensAfter, long inputTokens, long outputTokens,
                                double latencyMillis, double overheadMillis, List<String> transforms,
                                boolean cached) {
        public long tokensSaved() {
            return tokensBefore - tokensAfter;
        }
    }
}
