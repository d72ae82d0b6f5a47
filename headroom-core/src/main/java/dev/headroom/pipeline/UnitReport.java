package dev.headroom.pipeline;

import dev.headroom.spi.ContentType;

import java.util.List;
import java.util.Optional;

/**
 * What the pipeline did with one tool output.
 *
 * @param messageIndex   index of the message (or Responses input item) holding it
 * @param toolCallId     the tool call it answers, or an empty string
 * @param toolName       the tool's name, or an empty string
 * @param type           the detected content type, or empty when detection did not run
 * @param compressor     the compressor whose result was used, or an empty string
 * @param transform      the transform applied, or an empty string
 * @param tokensBefore   tokens of the original text
 * @param tokensAfter    tokens of the text now in the request
 * @param reason         why it was left alone, or null when it was compressed
 * @param retainedHashes hashes of originals retained for this unit (markers in its text)
 */
public record UnitReport(
        int messageIndex,
        String toolCallId,
        String toolName,
        Optional<ContentType> type,
        String compressor,
        String transform,
        int tokensBefore,
        int tokensAfter,
        ReasonCode reason,
        List<String> retainedHashes) {

    public UnitReport {
        retainedHashes = List.copyOf(retainedHashes);
    }

    /** Whether the unit's text was replaced. */
    public boolean compressed() {
        return reason == null;
    }
}
