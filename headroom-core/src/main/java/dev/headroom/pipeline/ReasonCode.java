package dev.headroom.pipeline;

/**
 * Why a tool output was left as it was. Every unit the pipeline did not compress gets exactly one.
 * The {@link #code()} strings are stable: they appear in stats, metrics and logs.
 */
public enum ReasonCode {
    /** Shorter than the minimum size worth compressing. */
    TOO_SMALL("too_small"),
    /** Produced by a tool the user protects. */
    PROTECTED_TOOL("protected_tool"),
    /** Source code, and code-aware compression (outlines) is off. */
    CODE_AWARE_OFF("code_aware_off"),
    /** Source code of the newest read of its file, which is kept whole unless the Read interceptor is on. */
    LATEST_READ("latest_read"),
    /** Flagged as an error ({@code is_error}) or reads as a short error report. */
    ERROR_OUTPUT("error_output"),
    /** Part of a prefix that cache mode replays byte-for-byte. */
    FROZEN_PREFIX("frozen_prefix"),
    /** Already contains a Headroom marker. */
    ALREADY_COMPRESSED("already_compressed"),
    /** No compressor handles the detected content type. */
    NO_COMPRESSOR("no_compressor"),
    /** Every compressor that handles the type declined. */
    DECLINED("declined"),
    /** Compressors ran, but nothing came out smaller in tokens. */
    NO_GAIN("no_gain"),
    /** The compressor threw, overran its time budget, or is paused by its circuit breaker. */
    COMPRESSOR_FAILED("compressor_failed"),
    /** The retention store could not keep an original (a shared store is down), so the unit stays as it was. */
    STORE_UNAVAILABLE("store_unavailable"),
    /** Optimisation is off for this request (bypass or passthrough mode). */
    BYPASSED("bypassed");

    private final String code;

    ReasonCode(String code) {
        this.code = code;
    }

    /** The stable snake_case code. */
    public String code() {
        return code;
    }
}
