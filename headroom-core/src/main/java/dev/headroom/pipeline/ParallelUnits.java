package dev.headroom.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent pieces of one request's work on the cores: one shared pool of daemon threads, one per
 * available processor, and the calling thread works too — it runs every task that no pool thread has started
 * yet — so that a busy pool never leaves a request waiting for work it could do itself. Results come back in
 * the order of the tasks, so callers stay deterministic whatever ran where.
 */
final class ParallelUnits {
    private static final ExecutorService POOL = pool(Runtime.getRuntime().availableProcessors());

    private ParallelUnits() {
    }

    /**
     * Runs the tasks and returns their results in task order; a task that threw gives an empty result (the
     * caller then does that piece of work itself, on its usual path).
     */
    static <T> List<Optional<T>> run(List<Callable<T>> tasks) throws InterruptedException {
        List<FutureTask<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(new FutureTask<>(task));
        }
        // the first one is the caller's; the rest are offered to the pool, and the caller takes what is left
        for (int i = 1; i < futures.size(); i++) {
            POOL.execute(futures.get(i));
        }
        for (FutureTask<T> f : futures) {
            f.run(); // no-op when a pool thread has started or finished it
        }
        List<Optional<T>> results = new ArrayList<>(futures.size());
        for (FutureTask<T> f : futures) {
            try {
                results.add(Optional.ofNullable(f.get()));
            } catch (ExecutionException e) {
                results.add(Optional.empty());
            }
        }
        return results;
    }

    private static ExecutorService pool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "headroom-unit-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
