package dev.headroom.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.pipeline.CompressionPipeline;
import dev.headroom.pipeline.PipelineConfig;
import dev.headroom.pipeline.UnitReport;
import dev.headroom.retention.InMemoryRetentionStore;
import dev.headroom.retention.RetentionStore;
import dev.headroom.retention.RetrieveQuery;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.ProviderFailure;
import dev.headroom.spi.Providers;
import dev.headroom.tokens.FamilyCounters;
import dev.headroom.tokens.RequestTokens;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.RequestView;
import dev.headroom.wire.WireFormat;
import dev.headroom.wire.WireFormats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A configured compressor of LLM requests, built with {@link Headroom#builder()}.
 *
 * <p>A request is an Anthropic Messages, OpenAI Chat Completions or OpenAI Responses body. Only tool
 * outputs are compressed; everything else is left as it was. A request in which nothing was compressed
 * comes back as the identical bytes. Instances are immutable and thread-safe; build one and share it.
 *
 * <p>Compressors are discovered with {@link java.util.ServiceLoader} (see {@link Compressor}); the system
 * property {@code headroom.compressors.exclude} (comma-separated names) removes discovered ones, and the
 * builder adds or removes them explicitly.
 */
public final class HeadroomEngine {
    /** Default limit on a request body: 32 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 32L * 1024 * 1024;

    private final CompressionPipeline pipeline;
    /** The same compressors, lossless: used for a request while a shared retention store is unreachable. */
    private final CompressionPipeline losslessPipeline;
    private final RetentionStore store;
    private final long maxRequestBytes;
    private final List<ProviderFailure> discoveryFailures;
    private final FamilyCounters counters;

    private HeadroomEngine(Builder b, List<Compressor> compressors, List<ProviderFailure> failures) {
        this.store = b.store != null ? b.store : new InMemoryRetentionStore();
        this.pipeline = new CompressionPipeline(compressors, store, b.config());
        this.losslessPipeline = pipeline.config().lossless() ? pipeline
                : new CompressionPipeline(compressors, store, b.config(true));
        this.maxRequestBytes = b.maxRequestBytes;
        this.discoveryFailures = List.copyOf(failures);
        this.counters = new FamilyCounters(b.memoEntries == 0 ? 0 : 8_192);
    }

    /** Compresses a request (JSON text). */
    public CompressionResult compress(String requestJson) {
        Objects.requireNonNull(requestJson, "requestJson");
        return compress(requestJson.getBytes(StandardCharsets.UTF_8), CompressOptions.DEFAULT);
    }

    /** Compresses a request (UTF-8 JSON bytes). */
    public CompressionResult compress(byte[] requestJson) {
        return compress(requestJson, CompressOptions.DEFAULT);
    }

    /** Compresses a request tree; the tree itself is not modified. */
    public CompressionResult compress(JsonNode request) {
        Objects.requireNonNull(request, "request");
        return compress(JsonCodec.writeBytes(request), CompressOptions.DEFAULT);
    }

    /**
     * Compresses a request with per-call options.
     *
     * @throws RequestTooLargeException    when the body exceeds the configured limit
     * @throws MalformedRequestException   when the body is not valid JSON or nests too deeply
     * @throws UnknownWireFormatException  when the JSON is not a request of a known format
     */
    public CompressionResult compress(byte[] requestJson, CompressOptions options) {
        Objects.requireNonNull(requestJson, "requestJson");
        long started = System.nanoTime();
        if (requestJson.length > maxRequestBytes) {
            throw new RequestTooLargeException(requestJson.length, maxRequestBytes);
        }
        JsonNode root = JsonCodec.parse(requestJson);
        WireFormat format = options.format().orElseGet(() -> WireFormats.detect(root));
        if (!root.isObject()) {
            throw new UnknownWireFormatException("request must be a JSON object");
        }
        RequestView view = RequestView.of(root, format);
        TokenCounter counter = counters.get(TokenizerFamily.forModel(view.model()));
        if (options.bypass()) {
            long tokens = RequestTokens.count(view, counter);
            return new CompressionResult(format, view.model(), requestJson, false, tokens, tokens, List.of(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
        // Only tool-output texts change, and the pipeline counts each before and after: the rest of the
        // request (its skeleton) is counted once.
        long skeleton = RequestTokens.skeleton(view, counter);
        // A store that cannot keep originals now (shared store down): lossless for this request, no markers.
        CompressionPipeline chosen = store.available() ? pipeline : losslessPipeline;
        List<UnitReport> units = chosen.run(view, counter, options.frozenMessages(), options.query().orElse(null));
        long before = skeleton + units.stream().mapToLong(UnitReport::tokensBefore).sum();
        boolean replayed = replay(view, options.replayPrefix());
        boolean changed = units.stream().anyMatch(UnitReport::compressed) || replayed;
        byte[] out = changed ? JsonCodec.writeBytes(root) : requestJson;
        long after = replayed ? RequestTokens.count(view, counter)
                : skeleton + units.stream().mapToLong(UnitReport::tokensAfter).sum();
        return new CompressionResult(format, view.model(), out, changed, before, after, units,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Puts previously forwarded items in place of the first conversation items; true when bytes change. */
    private static boolean replay(RequestView view, List<JsonNode> prefix) {
        JsonNode items = view.conversation();
        if (prefix.isEmpty() || !items.isArray() || items.size() < prefix.size()) {
            return false;
        }
        boolean changed = false;
        ArrayNode array = (ArrayNode) items;
        for (int i = 0; i < prefix.size(); i++) {
            if (!array.get(i).equals(prefix.get(i))) {
                array.set(i, prefix.get(i).deepCopy());
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Compresses one tool output on its own, under the same rules as inside a request (size, error and
     * protection checks included).
     *
     * @param text     the tool output
     * @param toolName the tool that produced it, or an empty string
     * @param query    the user's question it serves, or an empty string
     * @param model    the model whose tokenizer counts tokens, or an empty string
     */
    public TextCompression compressText(String text, String toolName, String query, String model) {
        ObjectNode request = JsonCodec.mapper().createObjectNode();
        request.put("model", model == null ? "" : model);
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "user").put("content", query == null ? "" : query);
        ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
        use.put("type", "tool_use").put("id", "toolu_text").put("name", toolName == null ? "" : toolName);
        use.putObject("input");
        ObjectNode result = messages.addObject().put("role", "user").putArray("content").addObject();
        result.put("type", "tool_result").put("tool_use_id", "toolu_text").put("content", text);
        RequestView view = RequestView.of(request, WireFormat.ANTHROPIC_MESSAGES);
        TokenCounter counter = counters.get(TokenizerFamily.forModel(model));
        long started = System.nanoTime();
        UnitReport report = pipeline.run(view, counter, 0, null).get(0);
        return new TextCompression(view.toolOutputs().get(0).text(), report,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The original retained under {@code hash}, when the store still has it. */
    public Optional<String> retrieve(String hash) {
        return store.get(hash);
    }

    /**
     * The original retained under {@code hash}, narrowed to the lines (or JSON items) matching {@code query}
     * as {@code headroom_retrieve} does (see {@link RetrieveQuery}); a blank query returns it whole.
     */
    public Optional<String> retrieve(String hash, String query) {
        return store.get(hash).map(original -> RetrieveQuery.apply(original, query));
    }

    /** A handler that answers {@code headroom_retrieve} tool calls from this instance's store. */
    public RetrieveToolHandler retrieveToolHandler() {
        return new RetrieveToolHandler(store);
    }

    /** The retention store this instance writes to. */
    public RetentionStore retentionStore() {
        return store;
    }

    /** The compressors in the order they are tried. */
    public List<Compressor> compressors() {
        return pipeline.compressors();
    }

    /** Providers that were found on the classpath but could not be loaded. */
    public List<ProviderFailure> discoveryFailures() {
        return discoveryFailures;
    }

    /** The pipeline settings. */
    public PipelineConfig config() {
        return pipeline.config();
    }

    /** A builder with the defaults; same as {@link Headroom#builder()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link HeadroomEngine}. Not thread-safe; build once and share the result. */
    public static final class Builder {
        private ClassLoader classLoader;
        private boolean discover = true;
        private final List<Compressor> added = new ArrayList<>();
        private final Set<String> removed = new HashSet<>();
        private RetentionStore store;
        private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private boolean lossless;
        private double targetRatio;
        private int minUnitChars = PipelineConfig.DEFAULT_MIN_UNIT_CHARS;
        private final Set<String> protectedTools = new LinkedHashSet<>();
        private boolean protectAll;
        private boolean retention = true;
        private boolean codeAware = PipelineConfig.defaults().codeAware();
        private boolean readLifecycle = PipelineConfig.defaults().readLifecycle();
        private boolean interceptToolResults = PipelineConfig.defaults().interceptToolResults();
        private Duration compressorBudget = PipelineConfig.defaults().compressorBudget();
        private int memoEntries = PipelineConfig.defaults().memoEntries();

        private Builder() {
        }

        /** Discover compressors from this class loader (default: the thread's context loader). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** Whether to discover compressors with ServiceLoader (default true). */
        public Builder discoverCompressors(boolean discover) {
            this.discover = discover;
            return this;
        }

        /** Adds a compressor explicitly (it replaces a discovered one of the same name). */
        public Builder addCompressor(Compressor compressor) {
            added.add(Objects.requireNonNull(compressor));
            return this;
        }

        /** Removes the compressors with these names, discovered or added. */
        public Builder removeCompressors(String... names) {
            removed.addAll(Arrays.asList(names));
            return this;
        }

        /** Where retained originals go (default: a bounded in-memory store). */
        public Builder retentionStore(RetentionStore store) {
            this.store = store;
            return this;
        }

        /** Largest request body accepted, in bytes. */
        public Builder maxRequestBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxRequestBytes must be positive");
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /** Only transformations that lose nothing; no markers. */
        public Builder lossless(boolean lossless) {
            this.lossless = lossless;
            return this;
        }

        /** Desired output size relative to input, in (0, 1]; 0 for the compressors' defaults. */
        public Builder targetRatio(double ratio) {
            this.targetRatio = ratio;
            return this;
        }

        /** Tool outputs shorter than this many characters are left alone. */
        public Builder minUnitChars(int chars) {
            this.minUnitChars = chars;
            return this;
        }

        /**
         * Outputs of these tools are never compressed. A name matches, without regard to case, the name of the
         * tool call an output answers ({@code tool_use}, a Chat {@code tool_calls} entry, a Responses
         * {@code function_call} or {@code custom_tool_call}).
         */
        public Builder protectTools(String... toolNames) {
            protectedTools.addAll(Arrays.asList(toolNames));
            return this;
        }

        /** When true, no tool output is compressed at all. */
        public Builder protectAllToolResults(boolean protect) {
            this.protectAll = protect;
            return this;
        }

        /**
         * Whether source code may be rendered as an outline: declarations and signatures kept, bodies elided behind
         * a retrieval marker (default true). Off leaves source code as it is.
         */
        public Builder codeAware(boolean codeAware) {
            this.codeAware = codeAware;
            return this;
        }

        /**
         * Whether a read of a file that was changed and read again later becomes a short stale notice, and a failed
         * edit's views of such a file become notice lines (default true).
         */
        public Builder readLifecycle(boolean readLifecycle) {
            this.readLifecycle = readLifecycle;
            return this;
        }

        /**
         * Whether the Read interceptor outlines the newest read of a source file too (default false). By default the
         * newest read of each file is kept whole, since the agent is working from it; with the interceptor a whole-file
         * read (no line range, not read before in the conversation) becomes its outline plus a retrieval marker.
         * Needs {@link #codeAware(boolean)}.
         */
        public Builder interceptToolResults(boolean intercept) {
            this.interceptToolResults = intercept;
            return this;
        }

        /** Whether lossy cuts may be retained behind markers (default true). Off means lossless only. */
        public Builder retention(boolean retention) {
            this.retention = retention;
            return this;
        }

        /** A compressor result that takes longer than this is discarded. */
        public Builder compressorBudget(Duration budget) {
            this.compressorBudget = Objects.requireNonNull(budget);
            return this;
        }

        /**
         * How many unit results are remembered by content hash (default 4,096); 0 turns the memo off, which
         * only benchmarks of the cold path want.
         */
        public Builder memoEntries(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("memoEntries must not be negative");
            }
            this.memoEntries = entries;
            return this;
        }

        PipelineConfig config() {
            return config(false);
        }

        PipelineConfig config(boolean forceLossless) {
            PipelineConfig d = PipelineConfig.defaults();
            // Without retention a lossy cut could not be undone, so only lossless transforms remain.
            return new PipelineConfig(forceLossless || lossless || !retention, targetRatio, minUnitChars, protectedTools, protectAll,
                    retention, compressorBudget, d.breakerThreshold(), d.breakerPauseUnits(), memoEntries, codeAware,
                    readLifecycle, interceptToolResults);
        }

        public HeadroomEngine build() {
            List<Compressor> candidates = new ArrayList<>();
            List<ProviderFailure> failures = List.of();
            if (discover) {
                ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
                if (loader == null) {
                    loader = HeadroomEngine.class.getClassLoader();
                }
                Providers.Discovered<Compressor> found = Providers.discover(Compressor.class, loader);
                failures = found.failures();
                Set<String> excluded = excludedBySystemProperty();
                Set<String> explicit = new HashSet<>();
                added.forEach(c -> explicit.add(c.name()));
                for (Compressor c : found.providers()) {
                    if (!excluded.contains(c.name()) && !explicit.contains(c.name())) {
                        candidates.add(c);
                    }
                }
            }
            candidates.addAll(added);
            candidates.removeIf(c -> removed.contains(c.name()));
            return new HeadroomEngine(this, CompressorSelection.order(candidates), failures);
        }

        private static Set<String> excludedBySystemProperty() {
            String property = System.getProperty("headroom.compressors.exclude", "");
            Set<String> names = new HashSet<>();
            for (String name : property.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
            return names;
        }
    }
}
