package dev.headroom.retention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RetentionStore} that takes originals at once and writes them to a slower store (a SQLite file) on a
 * writer thread of its own, a batch per {@link RetentionStore#putAll} call. The request that compressed
 * never waits for the file: an original is readable through {@link #get} from the moment {@link #put}
 * returned its hash (from memory until the write lands, from the store after).
 *
 * <ul>
 *   <li>Bounded: while more than {@code maxPendingChars} characters wait to be written, {@link #put} writes
 *       through itself (the caller waits, as it would without this class), so memory does not grow with a
 *       burst the file cannot keep up with.</li>
 *   <li>A failed write keeps the batch pending and retries it with the next one; pending originals stay
 *       readable meanwhile. {@link #close} writes what is pending, then closes the store when it is
 *       {@link AutoCloseable}.</li>
 *   <li>The hash is {@link ContentHash#of}, the one every store computes, so markers do not depend on
 *       whether the write has landed.</li>
 * </ul>
 */
public final class WriteBehindRetentionStore implements RetentionStore, AutoCloseable {
    /** Default bound on characters waiting to be written: 32 M. */
    public static final long DEFAULT_MAX_PENDING_CHARS = 32L * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(WriteBehindRetentionStore.class.getName());

    private final RetentionStore store;
    private final long maxPendingChars;
    private final Map<String, String> readable = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final LinkedHashMap<String, String> queued = new LinkedHashMap<>();
    private final Thread writer;
    private long pendingChars;
    private boolean closed;
    private boolean writing;

    /** Writes behind {@code store} with the default bound. */
    public WriteBehindRetentionStore(RetentionStore store) {
        this(store, DEFAULT_MAX_PENDING_CHARS);
    }

    /**
     * @param store           where the originals end up
     * @param maxPendingChars characters that may wait for the writer before {@link #put} writes through
     */
    public WriteBehindRetentionStore(RetentionStore store, long maxPendingChars) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxPendingChars <= 0) {
            throw new IllegalArgumentException("maxPendingChars must be positive");
        }
        this.maxPendingChars = maxPendingChars;
        this.writer = new Thread(this::writeLoop, "headroom-retention-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public String put(String original) {
        Objects.requireNonNull(original, "original");
        String hash = ContentHash.of(original);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the retention store is closed");
            }
            if (readable.containsKey(hash)) {
                queued.putIfAbsent(hash, original); // a second put refreshes the TTL once written
                lock.notifyAll();
                return hash;
            }
            if (pendingChars + original.length() <= maxPendingChars) {
                readable.put(hash, original);
                queued.put(hash, original);
                pendingChars += original.length();
                lock.notifyAll();
                return hash;
            }
        }
        return store.put(original); // over the bound: write through, as without this class
    }

    @Override
    public Optional<String> get(String hash) {
        String pending = readable.get(hash);
        return pending != null ? Optional.of(pending) : store.get(hash);
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public boolean available() {
        return store.available();
    }

    @Override
    public Map<String, Long> fallbacks() {
        return store.fallbacks();
    }

    /** Characters of originals not yet written to the store. */
    public long pendingChars() {
        synchronized (lock) {
            return pendingChars;
        }
    }

    /** Waits until every original taken so far is written (or a write failed), for tests and shutdown. */
    public void flush() throws InterruptedException {
        synchronized (lock) {
            while (!queued.isEmpty() || writing) {
                if (!writer.isAlive()) {
                    return;
                }
                lock.wait(100);
            }
        }
    }

    /** Writes what is pending (waiting at most 10 s), stops the writer and closes the store. */
    @Override
    public void close() throws Exception {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        writer.join(10_000);
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private void writeLoop() {
        while (true) {
            Map<String, String> batch;
            synchronized (lock) {
                while (queued.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (queued.isEmpty()) {
                    return; // closed and nothing left
                }
                batch = new LinkedHashMap<>(queued);
                queued.clear();
                writing = true;
            }
            boolean written = write(batch);
            synchronized (lock) {
                writing = false;
                if (written) {
                    for (Map.Entry<String, String> e : batch.entrySet()) {
                        if (!queued.containsKey(e.getKey()) && readable.remove(e.getKey(), e.getValue())) {
                            pendingChars -= e.getValue().length();
                        }
                    }
                } else {
                    batch.forEach(queued::putIfAbsent); // retried with the next batch
                }
                lock.notifyAll();
                if (!written && closed) {
                    return; // the store is failing and we are shutting down: stop retrying
                }
            }
            if (!written) {
                pause();
            }
        }
    }

    private boolean write(Map<String, String> batch) {
        try {
            store.putAll(new ArrayList<>(batch.values()));
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write " + batch.size()
                    + " retained original(s), keeping them in memory to retry: " + e.getMessage());
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
