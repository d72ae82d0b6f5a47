package dev.headroom.pipeline;

import dev.headroom.retention.ContentHash;
import dev.headroom.retention.Marker;
import dev.headroom.retention.RetentionStore;
import dev.headroom.retention.RetentionUnavailableException;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.wire.RequestView;
import dev.headroom.wire.ToolOutput;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compresses the tool outputs of one request, following the rules of DESIGN.md: only eligible units are
 * offered to compressors (rule 1); only their strings change (rule 2); a result is used only when it has
 * fewer tokens (rule 3); a compressor that throws, overruns its budget or keeps failing leaves the unit
 * as it was (rule 4); everything is deterministic and memoised by content hash (rule 5).
 *
 * <p>Thread-safe: one pipeline serves concurrent requests.
 */
public final class CompressionPipeline {
    private static final System.Logger LOG = System.getLogger("dev.headroom");
    private static final int MAX_PART_DEPTH = 2;

    private final List<Compressor> compressors;
    private final Map<ContentType, List<Compressor>> byType = new EnumMap<>(ContentType.class);
    private final RetentionStore store;
    private final PipelineConfig config;
    private final ContentDetector detector = new ContentDetector();
    private final CircuitBreaker breaker;
    private final UnitMemo memo;

    /**
     * @param compressors the compressors, already in the order they are tried (see
     *                    {@link dev.headroom.core.Headroom})
     * @param store       where retained originals go
     * @param config      pipeline settings
     */
    public CompressionPipeline(List<Compressor> compressors, RetentionStore store, PipelineConfig config) {
        this.compressors = List.copyOf(compressors);
        this.store = store;
        this.config = config;
        this.breaker = new CircuitBreaker(config.breakerThreshold(), config.breakerPauseUnits());
        this.memo = new UnitMemo(config.memoEntries());
        for (ContentType type : ContentType.values()) {
            List<Compressor> handlers = new ArrayList<>();
            for (Compressor c : this.compressors) {
                if (c.contentTypes().isEmpty() || c.contentTypes().contains(type)) {
                    handlers.add(c);
                }
            }
            byType.put(type, List.copyOf(handlers));
        }
    }

    /** The compressors in the order they are tried. */
    public List<Compressor> compressors() {
        return compressors;
    }

    public PipelineConfig config() {
        return config;
    }

    /** The circuit breaker shared by every request. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Compresses the view's tool outputs in place.
     *
     * @param view          the request
     * @param counter       counts tokens for the request's model
     * @param frozenMessages messages with an index below this are part of a frozen prefix and left alone
     * @param queryOverride  the query for every unit, or null to use the user text before each unit
     * @return one report per tool output, in request order
     */
    public List<UnitReport> run(RequestView view, TokenCounter counter, int frozenMessages, String queryOverride) {
        List<UnitReport> reports = new ArrayList<>();
        String model = view.model();
        List<ToolOutput> outputs = view.toolOutputs();
        StaleReads.Stale stale = config.readLifecycle() ? StaleReads.find(outputs) : StaleReads.Stale.NONE;
        Set<ToolOutput> keptWhole = LatestReads.keptWhole(outputs, config.interceptToolResults());
        Map<String, ToolOutput> firstSeen = new HashMap<>();
        Map<String, ToolOutput> lastVerbatimByTool = new HashMap<>();
        Map<String, ToolOutput> lastCompressedByTool = new HashMap<>();
        Map<ToolOutput, PreparedUnits.Prepared> prepared = prepare(outputs, stale, keptWhole, counter, model,
                frozenMessages, queryOverride);
        for (ToolOutput output : outputs) {
            String query = queryOverride != null ? queryOverride : output.query();
            String original = output.text();
            boolean whole = keptWhole.contains(output);
            ReasonCode noOutline = noOutline(whole);
            String stalePath = stale.reads().get(output);
            // A failed edit the rules protect (an error report) is left to the other rewrites, like any output.
            String previewPath = stalePath == null ? stale.previews().get(output) : null;
            if (previewPath != null && eligibility(output, original, frozenMessages) != null) {
                previewPath = null;
            }
            // Stale content is replaced by a notice, so it cannot serve as the copy that later duplicates point to.
            ToolOutput earlier = stalePath == null && previewPath == null && original.length() >= config.minUnitChars()
                    ? firstSeen.putIfAbsent(original, output) : null;
            if (whole && earlier != null) {
                firstSeen.put(original, output); // later copies point to the one kept whole
            }
            try {
                if (stalePath != null) {
                    reports.add(replaceStale(output, StaleReads.notice(stalePath), "stale file content omitted", counter,
                            frozenMessages));
                } else if (previewPath != null) {
                    reports.add(replaceStale(output, StaleEditPreviews.withoutViews(original, previewPath),
                            "stale file views omitted", counter, frozenMessages));
                } else if (whole) {
                    // The newest read of a file is never a reference to (or a delta against) an earlier copy.
                    reports.add(compressOutput(output, counter, model, frozenMessages, query, noOutline));
                } else if (earlier != null && !earlier.toolCallId().isEmpty()) {
                    reports.add(replaceDuplicate(output, earlier, counter, model, frozenMessages, query, noOutline));
                } else {
                    ToolOutput similar = lastVerbatimByTool.get(output.toolName());
                    UnitReport delta = similar == null ? null : replaceNearDuplicate(output, similar, counter, frozenMessages);
                    reports.add(delta != null ? delta
                            : compressUnlessRepeated(output, lastCompressedByTool, counter, model, frozenMessages, query,
                            noOutline, prepared.get(output)));
                }
            } catch (RuntimeException e) {
                // Fail open (rule 4): a failing store or rewrite leaves this output exactly as it was.
                LOG.log(System.Logger.Level.WARNING, "leaving a tool output unchanged after a failure: " + e);
                output.replace(original);
                int tokens = counter.count(original);
                reports.add(report(output, Optional.empty(), "", "", tokens, tokens, ReasonCode.COMPRESSOR_FAILED, List.of()));
            }
            if (!output.toolName().isEmpty() && output.text().equals(original) && stalePath == null) {
                lastVerbatimByTool.put(output.toolName(), output);
            }
        }
        return reports;
    }

    /**
     * An output sharing most lines with the previous verbatim output of the same tool becomes the lines that
     * differ, plus a marker to the whole original. Needs retention: the delta alone does not restore order.
     */
    private UnitReport replaceNearDuplicate(ToolOutput output, ToolOutput earlier, TokenCounter counter, int frozenMessages) {
        String text = output.text();
        if (!config.retention() || config.lossless() || earlier.toolCallId().isEmpty()
                || eligibility(output, text, frozenMessages) != null) {
            return null;
        }
        String delta = NearDuplicates.delta(earlier.text(), text, "tool call " + earlier.toolCallId().replaceAll("[\\[\\]\\r\\n]", "_"));
        if (delta == null) {
            return null;
        }
        int before = counter.count(text);
        String replacement = delta + "\n" + Marker.render(store.put(text), "full output");
        int after = counter.count(replacement);
        if (after * 10 > before * 7) {
            return null; // saves too little to be worth a less readable rendering
        }
        output.replace(replacement);
        return report(output, Optional.empty(), "dedup", "dedup:near-duplicate", before, after, null,
                Marker.hashesIn(replacement));
    }

    /**
     * Compresses an output; when its rendering repeats most of the previous compressed output of the same tool,
     * it becomes a delta against that one instead.
     *
     * @param lastCompressedByTool the latest output of each tool that a compressor rendered; updated here
     * @param noOutline            why source code must not be outlined here, or null when it may be
     */
    private UnitReport compressUnlessRepeated(ToolOutput output, Map<String, ToolOutput> lastCompressedByTool,
                                              TokenCounter counter, String model, int frozenMessages, String query,
                                              ReasonCode noOutline, PreparedUnits.Prepared prepared) {
        String original = output.text();
        UnitReport compressed = prepared != null && prepared.text() == original
                ? report(output, prepared.tokensBefore(), prepared.outcome())
                : compressOutput(output, counter, model, frozenMessages, query, noOutline);
        if (!compressed.compressed() || output.toolName().isEmpty()) {
            return compressed;
        }
        ToolOutput rendered = lastCompressedByTool.get(output.toolName());
        UnitReport delta = rendered == null ? null
                : replaceRenderedNearDuplicate(output, original, rendered, compressed, counter);
        if (delta != null) {
            return delta;
        }
        lastCompressedByTool.put(output.toolName(), output);
        return compressed;
    }

    /**
     * A compressed output whose rendering shares most lines with the rendering of the previous compressed output
     * of the same tool becomes the lines that differ, plus a marker to its whole original.
     */
    private UnitReport replaceRenderedNearDuplicate(ToolOutput output, String original, ToolOutput earlier,
                                                    UnitReport compressed, TokenCounter counter) {
        if (!config.retention() || config.lossless() || earlier.toolCallId().isEmpty()) {
            return null;
        }
        String delta = NearDuplicates.renderedDelta(earlier.text(), output.text(),
                "tool call " + earlier.toolCallId().replaceAll("[\\[\\]\\r\\n]", "_"));
        if (delta == null) {
            return null;
        }
        String hash = store.put(original);
        // The later rendering's own marker may already be among the changed lines.
        String replacement = Marker.hashesIn(delta).contains(hash) ? delta : delta + "\n" + Marker.render(hash, "full output");
        int after = counter.count(replacement);
        if (after * 10 > compressed.tokensAfter() * 7) {
            return null;
        }
        output.replace(replacement);
        return report(output, compressed.type(), "dedup", "dedup:near-duplicate", compressed.tokensBefore(), after, null,
                Marker.hashesIn(replacement));
    }

    /**
     * A tool output identical to an earlier one in the same request becomes a reference to it. Nothing is
     * lost: the earlier copy (or its marker) is in the request.
     */
    private UnitReport replaceDuplicate(ToolOutput output, ToolOutput earlier, TokenCounter counter, String model,
                                        int frozenMessages, String query, ReasonCode noOutline) {
        String text = output.text();
        ReasonCode skip = eligibility(output, text, frozenMessages);
        if (skip != null && skip != ReasonCode.ERROR_OUTPUT || output.markedError()) {
            return compressOutput(output, counter, model, frozenMessages, query, noOutline);
        }
        String reference = "[identical to the output of tool call " + earlier.toolCallId().replaceAll("[\\[\\]\\r\\n]", "_")
                + " above]";
        int before = counter.count(text);
        int after = counter.count(reference);
        if (after >= before) {
            return compressOutput(output, counter, model, frozenMessages, query, noOutline);
        }
        output.replace(reference);
        return report(output, Optional.empty(), "dedup", "dedup:identical-output", before, after, null, List.of());
    }

    /**
     * Stale content (a read of a file changed since, a failed edit's views of it) becomes {@code kept} plus a
     * marker to the whole original, unless a rule says to leave the output alone.
     */
    private UnitReport replaceStale(ToolOutput output, String kept, String summary, TokenCounter counter,
                                    int frozenMessages) {
        String text = output.text();
        int before = counter.count(text);
        ReasonCode skip = eligibility(output, text, frozenMessages);
        if (skip == null && !(config.retention() && !config.lossless())) {
            skip = ReasonCode.DECLINED;
        }
        if (skip != null && skip != ReasonCode.TOO_SMALL) {
            return report(output, Optional.empty(), "", "", before, before, skip, List.of());
        }
        String replacement = kept + "\n" + Marker.render(store.put(text), summary);
        int after = counter.count(replacement);
        if (after >= before) {
            return report(output, Optional.empty(), "", "", before, before, ReasonCode.NO_GAIN, List.of());
        }
        output.replace(replacement);
        return report(output, Optional.empty(), "read-lifecycle", "read-lifecycle:stale", before, after, null,
                Marker.hashesIn(replacement));
    }

    private UnitReport compressOutput(ToolOutput output, TokenCounter counter, String model, int frozenMessages,
                                      String query, ReasonCode noOutline) {
        String text = output.text();
        ReasonCode skip = eligibility(output, text, frozenMessages);
        if (skip != null) {
            int tokens = counter.count(text);
            return report(output, Optional.empty(), "", "", tokens, tokens, skip, List.of());
        }
        int before = counter.count(text);
        return report(output, before, compressText(text, output.toolName(), query, model, counter, before, 0, noOutline,
                new RetentionOutage()));
    }

    /** Applies the outcome of detection and the compressor chain to an eligible output. */
    private static UnitReport report(ToolOutput output, int before, UnitMemo.Outcome outcome) {
        if (outcome.text() == null) {
            return report(output, Optional.of(outcome.type()), "", "", before, before, outcome.reason(), List.of());
        }
        output.replace(outcome.text());
        return report(output, Optional.of(outcome.type()), outcome.compressor(), outcome.transform(), before, outcome.tokens(),
                null, Marker.hashesIn(outcome.text()));
    }

    /** Why source code must not be outlined in an output, or null when it may be. */
    private ReasonCode noOutline(boolean keptWhole) {
        return !config.codeAware() ? ReasonCode.CODE_AWARE_OFF : keptWhole ? ReasonCode.LATEST_READ : null;
    }

    /**
     * The outputs the request-order pass will hand to the compressor chain (eligible, not stale, not a repeat of
     * an earlier output), worked out ahead on the cores ({@link PreparedUnits}).
     */
    private Map<ToolOutput, PreparedUnits.Prepared> prepare(List<ToolOutput> outputs, StaleReads.Stale stale,
                                                            Set<ToolOutput> keptWhole, TokenCounter counter,
                                                            String model, int frozenMessages, String queryOverride) {
        List<ToolOutput> candidates = new ArrayList<>();
        // repeats found by length, then equality: hashing every whole text cost more than the rare comparison
        Map<Integer, List<String>> seenByLength = new HashMap<>();
        for (ToolOutput output : outputs) {
            String text = output.text();
            if (!stale.reads().containsKey(output) && !stale.previews().containsKey(output)
                    && eligibility(output, text, frozenMessages) == null && firstOfItsText(seenByLength, text)) {
                candidates.add(output);
            }
        }
        return PreparedUnits.of(candidates, counter, (output, before) -> compressText(output.text(), output.toolName(),
                queryOverride != null ? queryOverride : output.query(), model, counter, before, 0,
                noOutline(keptWhole.contains(output)), new RetentionOutage()));
    }

    private static boolean firstOfItsText(Map<Integer, List<String>> seenByLength, String text) {
        List<String> sameLength = seenByLength.computeIfAbsent(text.length(), n -> new ArrayList<>(1));
        for (String seen : sameLength) {
            if (seen.equals(text)) {
                return false;
            }
        }
        sameLength.add(text);
        return true;
    }

    private ReasonCode eligibility(ToolOutput output, String text, int frozenMessages) {
        if (output.messageIndex() < frozenMessages) {
            return ReasonCode.FROZEN_PREFIX;
        }
        if (config.protects(output.toolName())) {
            return ReasonCode.PROTECTED_TOOL;
        }
        if (output.markedError()) {
            return ReasonCode.ERROR_OUTPUT;
        }
        if (text.length() < config.minUnitChars()) {
            return ReasonCode.TOO_SMALL;
        }
        if (Marker.containsMarker(text)) {
            return ReasonCode.ALREADY_COMPRESSED;
        }
        if (ErrorOutputs.isShortErrorReport(text)) {
            return ReasonCode.ERROR_OUTPUT;
        }
        return null;
    }

    /**
     * Runs detection and the compressor chain on one text (a whole unit or a part of one). The memo is keyed
     * by the text itself (detection is a function of it), so a resent output skips detection too.
     *
     * @param noOutline why source code must not be outlined, or null when it may be
     */
    private UnitMemo.Outcome compressText(String text, String toolName, String query, String model, TokenCounter counter,
                                          int tokensBefore, int depth, ReasonCode noOutline, RetentionOutage outage) {
        String key = memoKey(text, toolName, query, counter, depth, noOutline);
        UnitMemo.Outcome known = memo.get(key);
        if (known != null && retainedStillThere(known)) {
            return known;
        }
        Detection detection = detector.detect(text);
        ContentType type = detection.type();
        List<Compressor> handlers = byType.get(type);
        if (handlers.isEmpty()) {
            return remember(key, new UnitMemo.Outcome(null, "", "", ReasonCode.NO_COMPRESSOR, type, tokensBefore));
        }
        if (type == ContentType.SOURCE_CODE && noOutline != null) {
            return remember(key, new UnitMemo.Outcome(null, "", "", noOutline, type, tokensBefore));
        }
        ContentUnit unit = new ContentUnit(text, detection.type(), detection.language(), toolName);
        ReasonCode reason = ReasonCode.DECLINED;
        boolean failed = false;
        for (Compressor compressor : handlers) {
            if (!breaker.allow(compressor.name())) {
                failed = true;
                continue;
            }
            UnitContext context = new UnitContext(config, store, query, model, counter, tokensBefore, noOutline,
                    part -> compressPart(part, toolName, query, model, counter, depth, noOutline, outage), outage);
            CompressorResult result;
            long started = System.nanoTime();
            try {
                result = compressor.compress(unit, context);
            } catch (RetentionUnavailableException storeDown) {
                outage.record(); // the store's failure, not the compressor's: the unit stays as it was, no pause
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                breaker.recordFailure(compressor.name());
                LOG.log(System.Logger.Level.WARNING, "compressor " + compressor.name() + " failed: " + e);
                failed = true;
                continue;
            }
            long elapsed = System.nanoTime() - started;
            if (result == null || elapsed > config.compressorBudget().toNanos()) {
                breaker.recordFailure(compressor.name());
                failed = true;
                continue;
            }
            breaker.recordSuccess(compressor.name());
            if (result.isDeclined()) {
                continue;
            }
            String compressed = result.text();
            if (config.lossless() && Marker.containsMarker(compressed)) {
                failed = true; // a marker in lossless mode breaks the compressor's contract
                continue;
            }
            int tokens = counter.count(compressed);
            if (tokens < tokensBefore) {
                UnitMemo.Outcome done = new UnitMemo.Outcome(compressed, compressor.name(), result.transform(), null, type, tokens);
                return outage.happened() ? done : remember(key, done);
            }
            reason = ReasonCode.NO_GAIN;
        }
        if (outage.happened()) {
            // not remembered: once the store is back, the same text compresses behind a marker again
            return new UnitMemo.Outcome(null, "", "", ReasonCode.STORE_UNAVAILABLE, type, tokensBefore);
        }
        UnitMemo.Outcome outcome = new UnitMemo.Outcome(null, "", "", failed ? ReasonCode.COMPRESSOR_FAILED : reason, type, tokensBefore);
        return failed ? outcome : remember(key, outcome);
    }

    /**
     * The memo key of one text under this configuration: a hash over the settings, tool, query, encoding, depth
     * and the text's own digest (which {@link ContentHash#sha256} shares with the other hashes of the same text).
     */
    private String memoKey(String text, String toolName, String query, TokenCounter counter, int depth,
                           ReasonCode noOutline) {
        java.security.MessageDigest digest = ContentHash.newDigest();
        ContentHash.update(digest, config.fingerprint() + '\u0000' + toolName + '\u0000' + counter.encodingName()
                + '\u0000' + depth + '\u0000' + (noOutline == null ? "" : noOutline.code()) + '\u0000');
        ContentHash.update(digest, query == null ? "" : query);
        digest.update((byte) 0);
        digest.update(ContentHash.sha256(text));
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private UnitMemo.Outcome remember(String key, UnitMemo.Outcome outcome) {
        memo.put(key, outcome);
        return outcome;
    }

    private boolean retainedStillThere(UnitMemo.Outcome outcome) {
        if (outcome.text() == null) {
            return true;
        }
        for (String hash : Marker.hashesIn(outcome.text())) {
            if (store.get(hash).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** A part of a unit (one section of mixed content) through detection and the chain, or the part unchanged. */
    private String compressPart(String part, String toolName, String query, String model, TokenCounter counter,
                                int depth, ReasonCode noOutline, RetentionOutage outage) {
        if (depth >= MAX_PART_DEPTH || part.length() < config.minUnitChars()) {
            return part;
        }
        int before = counter.count(part);
        UnitMemo.Outcome outcome = compressText(part, toolName, query, model, counter, before, depth + 1, noOutline, outage);
        return outcome.text() == null ? part : outcome.text();
    }

    private static UnitReport report(ToolOutput output, Optional<ContentType> type, String compressor, String transform,
                                     int before, int after, ReasonCode reason, List<String> hashes) {
        return new UnitReport(output.messageIndex(), output.toolCallId(), output.toolName(), type, compressor,
                transform, before, after, reason, hashes);
    }
}
