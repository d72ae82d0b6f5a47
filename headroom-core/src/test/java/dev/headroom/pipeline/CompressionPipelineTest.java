package dev.headroom.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.CompressOptions;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.retention.InMemoryRetentionStore;
import dev.headroom.retention.Marker;
import dev.headroom.retention.RetentionStore;
import dev.headroom.retention.RetentionUnavailableException;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionPipelineTest {
    private static final String BIG = ("2026-11-26T10:00:00Z INFO request served path=/health status=200\n").repeat(120);

    static String anthropic(String toolName, String result, boolean isError) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"system\":\"be brief\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"what is wrong?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"checking\"},{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\""
                + toolName + "\",\"input\":{\"command\":\"tail app.log\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\""
                + (isError ? ",\"is_error\":true" : "") + ",\"content\":" + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(result))
                + "}]}]}";
    }

    private static HeadroomEngine.Builder engine(Compressor... compressors) {
        HeadroomEngine.Builder b = Headroom.builder().discoverCompressors(false);
        for (Compressor c : compressors) {
            b.addCompressor(c);
        }
        return b;
    }

    private static String toolResultText(CompressionResult result) {
        JsonNode root = JsonCodec.parse(result.bytes());
        return root.at("/messages/2/content/0/content").asText();
    }

    @Test
    void compressesLargeToolResultAndRetainsOriginal() {
        HeadroomEngine headroom = engine(new KeepHeadCompressor()).build();
        CompressionResult result = headroom.compress(anthropic("Bash", BIG, false));
        assertThat(result.changed()).isTrue();
        assertThat(result.transforms()).containsExactly("keep-head:lines");
        assertThat(result.tokensAfter()).isLessThan(result.tokensBefore());
        String text = toolResultText(result);
        assertThat(Marker.hashesIn(text)).hasSize(1);
        assertThat(headroom.retrieve(Marker.hashesIn(text).get(0))).contains(BIG);
        assertThat(result.retainedHashes()).isEqualTo(Marker.hashesIn(text));
    }

    @Test
    void returnsIdenticalBytesWhenNothingChanges() {
        String request = anthropic("Bash", "small output", false).replace("{\"role\"", "{ \"role\"");
        byte[] in = request.getBytes(StandardCharsets.UTF_8);
        CompressionResult result = engine(new KeepHeadCompressor()).build().compress(in, CompressOptions.DEFAULT);
        assertThat(result.changed()).isFalse();
        assertThat(result.bytes()).isEqualTo(in);
        assertThat(result.reasonCounts()).containsEntry("too_small", 1);
    }

    @Test
    void leavesErrorFlaggedResultsAlone() {
        CompressionResult result = engine(new KeepHeadCompressor()).build().compress(anthropic("Bash", BIG, true));
        assertThat(result.changed()).isFalse();
        assertThat(result.reasonCounts()).containsEntry("error_output", 1);
    }

    @Test
    void leavesShortErrorReportsAlone() {
        String report = "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad\n" + "detail\n".repeat(100)
                + "Error: the job failed\n";
        CompressionResult result = engine(new KeepHeadCompressor()).build().compress(anthropic("Bash", report, false));
        assertThat(result.reasonCounts()).containsEntry("error_output", 1);
    }

    @Test
    void leavesProtectedToolsAlone() {
        CompressionResult result = engine(new KeepHeadCompressor()).protectTools("Bash").build()
                .compress(anthropic("Bash", BIG, false));
        assertThat(result.changed()).isFalse();
        assertThat(result.reasonCounts()).containsEntry("protected_tool", 1);
    }

    @Test
    void leavesAlreadyCompressedContentAlone() {
        HeadroomEngine headroom = engine(new KeepHeadCompressor()).build();
        String once = toolResultText(headroom.compress(anthropic("Bash", BIG, false)));
        String padded = once + "\n" + "more text\n".repeat(100);
        CompressionResult again = headroom.compress(anthropic("Bash", padded, false));
        assertThat(again.reasonCounts()).containsEntry("already_compressed", 1);
    }

    @Test
    void leavesFrozenPrefixAlone() {
        byte[] in = anthropic("Bash", BIG, false).getBytes(StandardCharsets.UTF_8);
        CompressionResult result = engine(new KeepHeadCompressor()).build()
                .compress(in, CompressOptions.DEFAULT.withFrozenMessages(3));
        assertThat(result.changed()).isFalse();
        assertThat(result.reasonCounts()).containsEntry("frozen_prefix", 1);
    }

    @Test
    void keepsOriginalWhenCompressorInflates() {
        Compressor inflating = new TestCompressor("inflate", (u, c) -> CompressorResult.of(u.text() + u.text(), "inflate"));
        CompressionResult result = engine(inflating).build().compress(anthropic("Bash", BIG, false));
        assertThat(result.changed()).isFalse();
        assertThat(result.reasonCounts()).containsEntry("no_gain", 1);
    }

    @Test
    void failsOpenWhenCompressorThrowsAndTriesTheNext() {
        Compressor throwing = new TestCompressor("boom", (u, c) -> {
            throw new IllegalStateException("bug");
        }, 90);
        HeadroomEngine headroom = engine(throwing, new KeepHeadCompressor()).build();
        CompressionResult result = headroom.compress(anthropic("Bash", BIG, false));
        assertThat(result.transforms()).containsExactly("keep-head:lines");

        CompressionResult alone = engine(throwing).build().compress(anthropic("Bash", BIG, false));
        assertThat(alone.changed()).isFalse();
        assertThat(alone.reasonCounts()).containsEntry("compressor_failed", 1);
    }

    @Test
    void pausesCompressorThatKeepsFailing() {
        AtomicInteger calls = new AtomicInteger();
        Compressor throwing = new TestCompressor("flaky", (u, c) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        });
        HeadroomEngine headroom = engine(throwing).build();
        for (int i = 0; i < 20; i++) {
            headroom.compress(anthropic("Bash", BIG + i, false));
        }
        assertThat(calls.get()).isEqualTo(PipelineConfig.defaults().breakerThreshold());
    }

    @Test
    void aStoreThatCannotKeepOriginalsLeavesUnitsAloneWithoutPausingTheCompressor() {
        AtomicBoolean down = new AtomicBoolean(true);
        RetentionStore flaky = storeDownWhile(down);
        HeadroomEngine headroom = engine(new KeepHeadCompressor()).retentionStore(flaky).build();
        int outage = PipelineConfig.defaults().breakerThreshold() * 3;
        for (int i = 0; i < outage; i++) {
            assertThat(headroom.compress(anthropic("Bash", BIG + i, false)).changed()).as("store down").isFalse();
        }
        down.set(false);
        CompressionResult back = headroom.compress(anthropic("Bash", BIG + "back", false));
        assertThat(back.transforms()).as("compression resumes with the store, no pause").containsExactly("keep-head:lines");
    }

    @Test
    void aTextLeftAloneWhileTheStoreWasDownCompressesBehindAMarkerOnceItIsBack() {
        AtomicBoolean down = new AtomicBoolean(true);
        RetentionStore flaky = storeDownWhile(down);
        // like the built-in compressors: any exception becomes a decline
        Compressor swallowing = new TestCompressor("swallowing", (u, c) -> {
            try {
                return CompressorResult.of(c.retain(u.text(), "120 lines"), "retain:all");
            } catch (RuntimeException e) {
                return CompressorResult.declined("could not retain: " + e.getClass().getSimpleName());
            }
        });
        HeadroomEngine headroom = engine(swallowing).retentionStore(flaky).build();
        CompressionResult duringOutage = headroom.compress(anthropic("Bash", BIG, false));
        assertThat(duringOutage.changed()).isFalse();
        assertThat(duringOutage.reasonCounts()).containsEntry("store_unavailable", 1);

        down.set(false);
        CompressionResult back = headroom.compress(anthropic("Bash", BIG, false));
        assertThat(back.transforms()).as("the outage's decline was not remembered").containsExactly("retain:all");
        assertThat(Marker.hashesIn(new String(back.bytes(), StandardCharsets.UTF_8))).hasSize(1);
    }

    /** A store in memory that cannot keep originals while {@code down} is set, like Redis during an outage. */
    private static RetentionStore storeDownWhile(AtomicBoolean down) {
        InMemoryRetentionStore memory = new InMemoryRetentionStore();
        return new RetentionStore() {
            @Override
            public String put(String original) {
                if (down.get()) {
                    throw new RetentionUnavailableException("store unreachable", null);
                }
                return memory.put(original);
            }

            @Override
            public Optional<String> get(String hash) {
                return memory.get(hash);
            }
        };
    }

    @Test
    void offersUnitsOnlyToCompressorsOfTheirType() {
        AtomicInteger jsonCalls = new AtomicInteger();
        Compressor jsonOnly = new TestCompressor("json-only", (u, c) -> {
            jsonCalls.incrementAndGet();
            return CompressorResult.declined("test");
        }, 50, Set.of(ContentType.JSON));
        CompressionResult result = engine(jsonOnly).build().compress(anthropic("Bash", BIG, false));
        assertThat(jsonCalls.get()).isZero();
        assertThat(result.reasonCounts()).containsEntry("no_compressor", 1);
    }

    @Test
    void losslessModeRejectsMarkers() {
        CompressionResult result = engine(new KeepHeadCompressor()).lossless(true).build()
                .compress(anthropic("Bash", BIG, false));
        assertThat(result.changed()).isFalse();
    }

    @Test
    void replacesRepeatedIdenticalOutputWithReferenceToTheFirst() {
        String pods = "NAMESPACE   NAME   READY   STATUS\n" + "default   api-7f9c   1/1   Running\n".repeat(60);
        String request = "{\"model\":\"gpt-4o\",\"messages\":["
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"kubectl\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_a\",\"content\":" + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(pods)) + "},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"kubectl\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_b\",\"content\":" + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(pods)) + "}]}";
        CompressionResult result = engine().lossless(true).build().compress(request);
        JsonNode messages = JsonCodec.parse(result.bytes()).get("messages");
        assertThat(messages.at("/1/content").asText()).isEqualTo(pods);
        assertThat(messages.at("/3/content").asText()).isEqualTo("[identical to the output of tool call call_a above]");
        assertThat(result.transforms()).containsExactly("dedup:identical-output");
    }

    @Test
    void sameInputGivesSameBytesAcrossEngines() {
        String request = anthropic("Bash", BIG, false);
        byte[] a = engine(new KeepHeadCompressor()).build().compress(request).bytes();
        byte[] b = engine(new KeepHeadCompressor()).build().compress(request).bytes();
        assertThat(a).isEqualTo(b);
    }

    /** A compressor defined by a lambda. */
    record TestCompressor(String name, Behaviour behaviour, int priority, Set<ContentType> contentTypes)
            implements Compressor {
        interface Behaviour {
            CompressorResult apply(ContentUnit unit, CompressionContext context);
        }

        TestCompressor(String name, Behaviour behaviour) {
            this(name, behaviour, 50, Set.of());
        }

        TestCompressor(String name, Behaviour behaviour, int priority) {
            this(name, behaviour, priority, Set.of());
        }

        @Override
        public CompressorResult compress(ContentUnit unit, CompressionContext context) {
            return behaviour.apply(unit, context);
        }
    }
}
