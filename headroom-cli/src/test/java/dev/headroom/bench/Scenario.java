package dev.headroom.bench;

/** One workload at one concurrency: direct and proxy figures from interleaved rounds; {@code errors} are the proxy side's. */
record Scenario(String key, String label, int concurrency, LatencyStats direct, LatencyStats proxy, double directRps,
                double proxyRps, int errors, int directErrors, long upstreamBytesViaProxy, long tokensBefore, long tokensAfter,
                LatencyStats proxyPreForward) {
}
