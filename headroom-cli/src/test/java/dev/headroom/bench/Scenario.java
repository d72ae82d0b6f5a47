package dev.headroom.bench;

/** One workload at one concurrency: direct and proxy figures from interleaved rounds. */
record Scenario(String key, String label, int concurrency, LatencyStats direct, LatencyStats proxy, double directRps,
                double proxyRps, int errors, long upstreamBytesViaProxy, long tokensBefore, long tokensAfter,
                LatencyStats proxyPreForward) {
}
