package dev.headroom.core;

import dev.headroom.pipeline.UnitReport;

import java.time.Duration;

/**
 * The outcome of {@link HeadroomEngine#compressText}: the text to use and what was done to it.
 *
 * @param text    the compressed text, or the original when it was left alone
 * @param report  tokens, transform or reason code
 * @param elapsed time spent
 */
public record TextCompression(String text, UnitReport report, Duration elapsed) {
}
