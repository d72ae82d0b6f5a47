package dev.headroom.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link CompressionAdmission}: the limit and the wait.
 *
 * @param maxBytes request bytes under compression at once; {@link Long#MAX_VALUE} for no limit
 * @param maxWait  how much later a request over the limit may go out for being compressed: it queues only as long
 *                 as its compression can still end within this time, then goes out uncompressed
 *                 ({@link Duration#ZERO}: never queue)
 */
public record AdmissionSettings(long maxBytes, Duration maxWait) {
    /** Per available processor in the default limit: 2 MiB. */
    public static final long DEFAULT_BYTES_PER_CORE = 2L * 1024 * 1024;
    /** Smallest default limit: 4 MiB. */
    public static final long DEFAULT_MIN_BYTES = 4L * 1024 * 1024;
    /** Default wait: 1 s. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    public AdmissionSettings {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("the compression admission limit must be at least 1 KiB, got " + maxBytes);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the admission wait must not be negative, got " + maxWait);
        }
    }

    /**
     * 2 MiB per available processor (at least 4 MiB) at once; a queued request is compressed only when that ends
     * within 1 s. More compressions at
     * once than the cores can run only add memory and make each one slower (and a slow one overruns its
     * compressor budget), so the limit follows the cores.
     */
    public static AdmissionSettings defaults() {
        return new AdmissionSettings(defaultMaxBytes(), DEFAULT_MAX_WAIT);
    }

    /** The default limit on this machine: {@link #DEFAULT_BYTES_PER_CORE} per processor, at least {@link #DEFAULT_MIN_BYTES}. */
    public static long defaultMaxBytes() {
        return Math.max(DEFAULT_MIN_BYTES, DEFAULT_BYTES_PER_CORE * Runtime.getRuntime().availableProcessors());
    }

    /** No limit: every request is compressed at once. */
    public static AdmissionSettings unlimited() {
        return new AdmissionSettings(Long.MAX_VALUE, Duration.ZERO);
    }

    /** These settings with another limit. */
    public AdmissionSettings withMaxBytes(long bytes) {
        return new AdmissionSettings(bytes, maxWait);
    }

    /** These settings with another wait. */
    public AdmissionSettings withMaxWait(Duration wait) {
        return new AdmissionSettings(maxBytes, wait);
    }

    boolean limited() {
        return maxBytes != Long.MAX_VALUE;
    }
}
