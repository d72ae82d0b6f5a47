package dev.headroom.bench;

import java.util.Locale;

/**
 * Sends batches of one kind of request through the child proxy until its JIT compiler threads are nearly idle, so
 * that a figure can be read in the steady state a long-running proxy is in. On two cores the compiler competes with
 * the requests for the same CPUs: right after a start, and for a thousand or more 100K-token turns, it used a third of
 * the proxy's CPU (measured from {@code /proc}), which a benchmark that stops warming up after a fixed count reads as
 * the proxy's own cost.
 */
final class JitSettle {
    /** The compiler is quiet when it used at most this share of one core during a batch. */
    static final double QUIET_SHARE = 0.05;
    /** Consecutive quiet batches that count as settled. */
    static final int QUIET_BATCHES = 2;

    private JitSettle() {
    }

    /** One batch of requests; returns how many it sent. */
    @FunctionalInterface
    interface Batch {
        int send() throws Exception;
    }

    /**
     * How warming up ended.
     *
     * @param requests      requests sent while warming up
     * @param settled       whether the compiler went quiet before the cap
     * @param compilerShare the compiler's share of one core in the last batch
     */
    record Settled(int requests, boolean settled, double compilerShare) {
        String describe() {
            return String.format(Locale.ROOT, "%,d more%s, compiler %.1f%% of a core in the last batch", requests,
                    settled ? "" : " (the cap: not settled)", 100 * compilerShare);
        }
    }

    /** Runs batches until {@link #QUIET_BATCHES} in a row are quiet, or {@code maxRequests} were sent. */
    static Settled warm(ChildProxy proxy, Batch batch, int maxRequests) throws Exception {
        int sent = 0;
        int quiet = 0;
        double share = 1;
        while (sent < maxRequests) {
            Window window = Window.open(proxy);
            sent += batch.send();
            share = window.compilerShare();
            quiet = share <= QUIET_SHARE ? quiet + 1 : 0;
            if (quiet >= QUIET_BATCHES) {
                return new Settled(sent, true, share);
            }
        }
        return new Settled(sent, false, share);
    }

    /** The compiler's CPU over a stretch of wall time. */
    static final class Window {
        private final ChildProxy proxy;
        private final long wall0;
        private final long compiler0;

        private Window(ChildProxy proxy) {
            this.proxy = proxy;
            this.wall0 = System.nanoTime();
            this.compiler0 = proxy.compilerCpuNanos();
        }

        static Window open(ChildProxy proxy) {
            return new Window(proxy);
        }

        /** The compiler threads' CPU since the window opened, as a share of one core's time; 0 without {@code /proc}. */
        double compilerShare() {
            long compiler = proxy.compilerCpuNanos();
            if (compiler < 0 || compiler0 < 0) {
                return 0;
            }
            return (compiler - compiler0) / (double) Math.max(1, System.nanoTime() - wall0);
        }
    }
}
