package dev.headroom.proxy;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * How the standalone proxy's Jetty server runs requests: {@link #auto()} (virtual threads on Java 21 and later,
 * Jetty's default pool of up to 250 platform threads before that) or {@link #workers(int)} (exactly that many
 * platform threads handle requests at once; further requests wait in Jetty's queue).
 *
 * <p>A request holds its thread for the whole exchange, upstream streaming included, so {@code workers} is also
 * the number of requests the proxy serves concurrently.
 *
 * @param workers request threads, or 0 for automatic
 */
public record ServerThreads(int workers) {
    /** Platform threads Jetty's own default pool has at most (Javalin's default). */
    static final int JETTY_DEFAULT_MAX = 250;

    public ServerThreads {
        if (workers < 0 || workers > 10_000) {
            throw new IllegalArgumentException("workers must be in [0, 10000] (0 for automatic), got " + workers);
        }
    }

    /** Virtual threads on Java 21 and later, else Jetty's default pool. */
    public static ServerThreads auto() {
        return new ServerThreads(0);
    }

    /** A pool of exactly {@code n} platform threads for requests, on any Java version. */
    public static ServerThreads workers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + n);
        }
        return new ServerThreads(n);
    }

    /** Whether requests run on virtual threads (automatic choice on Java 21 and later). */
    public boolean virtual() {
        return workers == 0 && Runtime.version().feature() >= 21;
    }

    /** For the banner: {@code "virtual threads"}, {@code "up to 250 threads (Jetty default)"} or {@code "8 workers"}. */
    public String describe() {
        if (workers > 0) {
            return workers + (workers == 1 ? " worker thread" : " worker threads");
        }
        return virtual() ? "virtual threads (Java " + Runtime.version().feature() + ")"
                : "up to " + JETTY_DEFAULT_MAX + " threads (Jetty default; --workers N to choose)";
    }

    /**
     * A pool for {@link #workers(int)}, started with room for Jetty's own threads; {@link #fit} then trims it to
     * the workers plus the threads Jetty leased (acceptors and selectors), which are known only once it started.
     */
    QueuedThreadPool pool() {
        int max = workers + 32;
        // One thread to begin with: Jetty starts its acceptor and selector threads on top, and fit() then sets the
        // bounds, so no thread beyond the workers is left over from start-up.
        QueuedThreadPool pool = new QueuedThreadPool(max, 1, 60_000);
        pool.setName("headroom-worker");
        pool.setReservedThreads(0); // no idle threads parked for Jetty's own hand-offs: every thread is a worker
        return pool;
    }

    /** Trims a started {@link #pool()} to the workers plus the threads Jetty leased for itself. */
    void fit(QueuedThreadPool pool) {
        int leased = pool.getThreadPoolBudget() == null ? 0 : pool.getThreadPoolBudget().getLeasedThreads();
        pool.setMaxThreads(workers + leased);
        pool.setMinThreads(Math.min(8, workers + leased));
    }
}
