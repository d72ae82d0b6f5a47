package dev.headroom.redis;

import dev.headroom.spi.RequestRecord;
import dev.headroom.stats.HistoryRollup;
import dev.headroom.stats.HistoryUnavailableException;
import dev.headroom.stats.SavingsBucket;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.SavingsTotals;
import dev.headroom.stats.Series;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The savings history of a fleet: every proxy pointed at one Redis adds its requests, and {@link #rollups} and
 * {@link #lifetime} answer the sum of all of them. It is kept beside each instance's own history, not instead of it.
 *
 * <p>In Redis, one hash per UTC hour, {@code headroom:history:hour:<epoch hour>}, holds the fields of
 * {@link PendingSavings#FIELDS} and expires when the hour leaves the retention; the sorted set
 * {@code headroom:history:hours} lists the hours written; the hash {@code headroom:history:lifetime} holds the same
 * fields for everything ever recorded plus {@code since_ms}, the earliest first-seen time of any instance.
 * Days, weeks and months are sums of hours ({@link HistoryRollup}), all in UTC.
 *
 * <p>{@link #record} never talks to Redis: it adds to counts in memory, which a background thread writes once per
 * flush interval (one script call, atomic) and {@link #close} writes a last time. While Redis is unreachable the
 * counts are kept and retried, {@code store_unavailable:history} counting each flush that failed; at most
 * {@link #MAX_PENDING_HOURS} hours are kept, older ones leaving the hourly series (counted as
 * {@code store_unavailable:history_dropped}) but not the lifetime totals. A flush that timed out after Redis
 * applied it is not applied twice: each batch carries a number, and Redis keeps the last number each instance
 * applied (for a day after its last flush).
 *
 * <p>A read first writes this instance's pending counts, so this instance's records are visible to its next read
 * (other instances' after their next flush); while Redis is unreachable it throws
 * {@link HistoryUnavailableException}, counting {@code store_unavailable:history_read}. The output shaper's holdout
 * is not shared ({@link #holdout()} is empty).
 */
public final class RedisSavingsHistory implements SavingsHistory {
    /** Reason code: pending counts could not be written; they are kept and retried. */
    public static final String UNAVAILABLE = "store_unavailable:history";
    /** Reason code: an hour of pending counts was dropped from the hourly series after a long outage. */
    public static final String DROPPED = "store_unavailable:history_dropped";
    /** Reason code: a fleet query could not be answered. */
    public static final String UNAVAILABLE_READ = "store_unavailable:history_read";
    /** How often pending counts are written by default. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** At most this many hours of counts wait for Redis (a week); the lifetime totals keep everything. */
    static final int MAX_PENDING_HOURS = 24 * 7;

    static final String PREFIX = "headroom:history:";
    static final String HOUR_PREFIX = PREFIX + "hour:";
    static final String HOURS = PREFIX + "hours";
    static final String LIFETIME = PREFIX + "lifetime";
    static final String APPLIED_PREFIX = PREFIX + "applied:";
    /** How long an instance's last applied batch number is kept after its last flush. */
    private static final Duration APPLIED_KEPT = Duration.ofDays(1);
    private static final long HOUR_SECONDS = 3600;

    /**
     * KEYS: this instance's last applied batch number, lifetime, hours index, then one hash per hour. ARGV: batch
     * number, seconds the batch number is kept, since_ms, the first hour still retained, the lifetime's six counts,
     * then per hour: epoch hour, seconds it is kept, six counts. Returns 0 when the batch was applied before.
     */
    private static final RedisScript FLUSH = new RedisScript("""
            local last = redis.call('GET', KEYS[1])
            if last and tonumber(last) >= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
            local fields = {'requests', 'failed', 'tokens_before', 'tokens_after', 'output_tokens', 'cost_saved_nanos'}
            local function add(key, at)
              for f = 1, 6 do
                if ARGV[at + f - 1] ~= '0' then
                  redis.call('HINCRBY', key, fields[f], ARGV[at + f - 1])
                end
              end
            end
            local since = redis.call('HGET', KEYS[2], 'since_ms')
            if not since or tonumber(since) > tonumber(ARGV[3]) then
              redis.call('HSET', KEYS[2], 'since_ms', ARGV[3])
            end
            add(KEYS[2], 5)
            for k = 4, #KEYS do
              local at = 11 + (k - 4) * 8
              add(KEYS[k], at + 2)
              redis.call('EXPIRE', KEYS[k], ARGV[at + 1])
              redis.call('ZADD', KEYS[3], ARGV[at], ARGV[at])
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[4])
            return 1
            """);

    /** KEYS: hours index. ARGV: first and last epoch hour, hour key prefix. Returns hour, six counts, per hour. */
    private static final RedisScript READ = new RedisScript("""
            local hours = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2])
            local out = {}
            for _, h in ipairs(hours) do
              local v = redis.call('HMGET', ARGV[3] .. h,
                  'requests', 'failed', 'tokens_before', 'tokens_after', 'output_tokens', 'cost_saved_nanos')
              out[#out + 1] = h
              for f = 1, 6 do
                out[#out + 1] = v[f] or '0'
              end
            end
            return out
            """);

    private final RedisConnection redis;
    private final FallbackCounts fallbacks;
    private final Clock clock;
    private final Duration retention;
    private final ToLongFunction<RequestRecord> costSavedNanos;
    private final ScheduledExecutorService flusher;
    private final Object pendingLock = new Object();
    private PendingSavings pending = new PendingSavings(); // guarded by pendingLock
    private PendingSavings inDoubt; // sent, not known to be applied; guarded by this
    private long inDoubtNumber; // guarded by this
    private long batches; // batches numbered so far; guarded by this
    /** Names this process's batches in Redis, so that a retried batch is applied once. */
    private final String instance = UUID.randomUUID().toString();
    private boolean closed; // guarded by this

    /** A history on the system clock, flushed every second. */
    public RedisSavingsHistory(RedisConnection redis, Duration retention, ToLongFunction<RequestRecord> costSavedNanos) {
        this(redis, Clock.systemUTC(), retention, costSavedNanos, DEFAULT_FLUSH_INTERVAL);
    }

    /**
     * @param redis          the connection shared by the process's Redis stores
     * @param clock          places records in hours and drives retention
     * @param retention      how long hourly buckets are kept; at least one hour
     * @param costSavedNanos dollars one request saved, in nano-dollars
     * @param flushInterval  how often pending counts are written; positive
     */
    public RedisSavingsHistory(RedisConnection redis, Clock clock, Duration retention,
                               ToLongFunction<RequestRecord> costSavedNanos, Duration flushInterval) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.costSavedNanos = Objects.requireNonNull(costSavedNanos, "costSavedNanos");
        if (retention.toHours() < 1) {
            throw new IllegalArgumentException("retention must be at least one hour");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive");
        }
        this.fallbacks = redis.fallbackCounts();
        fallbacks.register(UNAVAILABLE, DROPPED, UNAVAILABLE_READ);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "headroom-history-flush");
            t.setDaemon(true);
            return t;
        });
        long millis = flushInterval.toMillis();
        flusher.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(RequestRecord record) {
        Instant now = clock.instant();
        SavingsBucket one = SavingsBucket.of(Series.HOURLY.start(now), record, costSavedNanos.applyAsLong(record));
        boolean dropped = false;
        synchronized (pendingLock) {
            pending.add(Math.floorDiv(now.getEpochSecond(), HOUR_SECONDS), one, now.toEpochMilli());
            if (pending.hourCount() > MAX_PENDING_HOURS) {
                pending.dropOldestHour();
                dropped = true;
            }
        }
        if (dropped) {
            fallbacks.record(DROPPED);
        }
    }

    /**
     * Writes the pending counts: first a batch whose earlier write failed, then what was recorded since.
     *
     * @return whether nothing is left pending (false after a failed write, counted as {@link #UNAVAILABLE})
     */
    synchronized boolean flush() {
        try {
            if (inDoubt != null) {
                send(inDoubt, inDoubtNumber);
                inDoubt = null;
            }
            synchronized (pendingLock) {
                if (pending.isEmpty()) {
                    return true;
                }
                inDoubt = pending;
                inDoubtNumber = ++batches;
                pending = new PendingSavings();
            }
            send(inDoubt, inDoubtNumber);
            inDoubt = null;
            return true;
        } catch (RuntimeException e) {
            fallbacks.record(UNAVAILABLE);
            return false;
        }
    }

    /** Writes {@code batch} as this instance's batch {@code number}; a number applied before is skipped. */
    void send(PendingSavings batch, long number) {
        long nowSeconds = clock.instant().getEpochSecond();
        long firstRetained = firstRetainedHour();
        List<String> keys = new ArrayList<>(List.of(APPLIED_PREFIX + instance, LIFETIME, HOURS));
        List<String> args = new ArrayList<>(List.of(Long.toString(number), Long.toString(APPLIED_KEPT.toSeconds()),
                Long.toString(batch.sinceMillis()), Long.toString(firstRetained)));
        addCounts(args, batch.total());
        for (Map.Entry<Long, long[]> hour : batch.hours().entrySet()) {
            long expiresAt = (hour.getKey() + 1) * HOUR_SECONDS + retention.toSeconds();
            if (hour.getKey() < firstRetained || expiresAt <= nowSeconds) {
                continue; // already out of the retention: the lifetime totals have it
            }
            keys.add(HOUR_PREFIX + hour.getKey());
            args.add(Long.toString(hour.getKey()));
            args.add(Long.toString(expiresAt - nowSeconds)); // relative: this instance's clock, not Redis's
            addCounts(args, hour.getValue());
        }
        FLUSH.run(commands(), ScriptOutputType.INTEGER, keys.toArray(String[]::new), args.toArray(String[]::new));
    }

    private static void addCounts(List<String> args, long[] counts) {
        for (long c : counts) {
            args.add(Long.toString(c));
        }
    }

    @Override
    public List<SavingsBucket> rollups(Series series, int periods) {
        Instant now = clock.instant();
        long from = Math.max(firstRetainedHour(),
                Math.floorDiv(HistoryRollup.windowStart(series, now, periods).getEpochSecond(), HOUR_SECONDS));
        long to = Math.floorDiv(now.getEpochSecond(), HOUR_SECONDS);
        List<Object> rows;
        try {
            flushOrThrow();
            rows = READ.run(commands(), ScriptOutputType.MULTI, new String[]{HOURS},
                    Long.toString(from), Long.toString(to), HOUR_PREFIX);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        List<SavingsBucket> hours = new ArrayList<>();
        for (int i = 0; i + 6 < rows.size(); i += 7) {
            long hour = number(rows.get(i));
            hours.add(new SavingsBucket(Instant.ofEpochSecond(hour * HOUR_SECONDS), number(rows.get(i + 1)),
                    number(rows.get(i + 2)), number(rows.get(i + 3)), number(rows.get(i + 4)),
                    number(rows.get(i + 5)), number(rows.get(i + 6))));
        }
        return HistoryRollup.rollup(series, hours, now, periods);
    }

    @Override
    public SavingsTotals lifetime() {
        List<io.lettuce.core.KeyValue<String, String>> values;
        try {
            flushOrThrow();
            values = commands().hmget(LIFETIME, "since_ms", PendingSavings.FIELDS[0], PendingSavings.FIELDS[1],
                    PendingSavings.FIELDS[2], PendingSavings.FIELDS[3], PendingSavings.FIELDS[4], PendingSavings.FIELDS[5]);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        long[] v = new long[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).hasValue() ? Long.parseLong(values.get(i).getValue()) : 0;
        }
        if (!values.get(0).hasValue()) {
            return SavingsTotals.EMPTY;
        }
        return new SavingsTotals(Optional.of(Instant.ofEpochMilli(v[0])), v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    private void flushOrThrow() {
        if (!flush()) {
            throw new IllegalStateException("pending counts could not be written");
        }
    }

    private HistoryUnavailableException unavailable(RuntimeException e) {
        fallbacks.record(UNAVAILABLE_READ);
        return new HistoryUnavailableException("the fleet history in " + redis.location()
                + " cannot be read: Redis is unreachable", e);
    }

    private long firstRetainedHour() {
        return Math.floorDiv(clock.instant().minus(retention).getEpochSecond() + HOUR_SECONDS - 1, HOUR_SECONDS);
    }

    private static long number(Object value) {
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    private RedisCommands<String, String> commands() {
        return redis.commands().orElseThrow(() -> new IllegalStateException("redis unreachable"));
    }

    @Override
    public Duration retention() {
        return retention;
    }

    @Override
    public String location() {
        return redis.location() + " (fleet)";
    }

    /** Stops the background flush and writes what is pending, once; Redis unreachable, it is lost (and counted). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        flusher.shutdownNow();
        flush();
    }
}
