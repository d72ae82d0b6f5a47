package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.headroom.shaper.OutputShaper;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output shaper's holdout through the packaged {@code headroom.jar proxy}: a seeded simulation of 2,000 turns
 * over 400 conversations against a fake upstream whose output length depends on whether the verbosity
 * instruction reached it (a known saving of {@value #EFFECT} tokens per turn, with noise), measured back through
 * {@code /stats}, {@code /metrics} and {@code headroom stats}, and kept across a restart in the SQLite history.
 */
@Timeout(300)
class OutputHoldoutIT {
    /** The true saving: a shaped turn's output is this much shorter, in every stratum. */
    private static final int EFFECT = 150;
    private static final double NOISE_SD = 60;
    private static final String L2 = OutputShaper.instruction(2);
    private static final Pattern TAG = Pattern.compile("\\[turn c(\\d+)-t(\\d+) base=(\\d+)\\]");
    private static final String[] MODELS = {"claude-opus-4-5", "claude-sonnet-4-5", "gpt-4o-2024-08-06", "gpt-5"};
    private static final int[] MODEL_OFFSET = {100, 0, -50, 50};

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One client turn as sent. */
    private record Turn(int conversation, int index, String path, String body) {
    }

    /**
     * The fake model: output tokens = the base the client wrote into the latest turn, minus {@link #EFFECT} when the
     * verbosity instruction is present, plus noise seeded by the turn (so answers do not depend on arrival order).
     * Anthropic turns of even conversations stream their answer.
     */
    private static void answer(HttpExchange ex, RecordingUpstream.Received r) throws IOException {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        Matcher m = TAG.matcher(body);
        String[] last = null;
        while (m.find()) { // the last tag is the latest turn's
            last = new String[] {m.group(1), m.group(2), m.group(3)};
        }
        if (last == null) {
            RecordingUpstream.json(ex, 400, "{\"error\":{\"message\":\"no turn tag\"}}");
            return;
        }
        int conversation = Integer.parseInt(last[0]);
        int turn = Integer.parseInt(last[1]);
        long base = Long.parseLong(last[2]);
        double noise = new Random(conversation * 1_000L + turn).nextGaussian() * NOISE_SD;
        long output = Math.max(1, Math.round(base - (body.contains(L2) ? EFFECT : 0) + noise));
        if (r.pathAndQuery().startsWith("/v1/chat/completions")) {
            RecordingUpstream.json(ex, 200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":" + output + ",\"total_tokens\":" + (50 + output) + "}}");
        } else if (body.contains("\"stream\":true")) {
            String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}\n\n"
                    + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                    + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}\n\n"
                    + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                    + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":" + output + "}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
            byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
        } else {
            RecordingUpstream.json(ex, 200, "{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"ok\"}],\"usage\":{\"input_tokens\":50,\"output_tokens\":" + output + "}}");
        }
    }

    /** 400 conversations of 5 turns: a question, then tool continuations, error results and follow-up questions. */
    private static List<Turn> simulation() {
        Random random = new Random(2026_12_07L);
        List<Turn> turns = new ArrayList<>();
        for (int c = 0; c < 400; c++) {
            int model = random.nextInt(MODELS.length);
            boolean anthropic = model < 2;
            List<String> history = new ArrayList<>();
            String first = "conversation " + c + ": please look into task " + random.nextInt(1_000_000);
            for (int t = 0; t < 5; t++) {
                double u = random.nextDouble();
                String kind = t == 0 ? "question" : u < 0.7 ? "tool" : u < 0.85 ? "error" : "question";
                int base = MODEL_OFFSET[model] + switch (kind) {
                    case "question" -> 800;
                    case "tool" -> 350;
                    default -> 500;
                };
                String tag = "[turn c" + c + "-t" + t + " base=" + base + "]";
                String id = "call_" + c + "_" + t;
                if (anthropic) {
                    if (kind.equals("question")) {
                        history.add(userText(t == 0 ? first + " " + tag : "and then? " + tag));
                    } else {
                        history.add("{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id
                                + "\",\"name\":\"Bash\",\"input\":{\"command\":\"make\"}}]}");
                        history.add("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id + "\","
                                + (kind.equals("error") ? "\"is_error\":true," : "") + "\"content\":\""
                                + (kind.equals("error") ? "make: *** failed " : "build ok ") + tag + "\"}]}");
                    }
                    String stream = c % 2 == 0 ? "\"stream\":true," : "";
                    turns.add(new Turn(c, t, "/v1/messages", "{\"model\":\"" + MODELS[model] + "\",\"max_tokens\":4000," + stream
                            + "\"system\":[{\"type\":\"text\",\"text\":\"You are a coding agent.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                            + "\"messages\":[" + String.join(",", history) + "]}"));
                } else {
                    if (kind.equals("question")) {
                        history.add("{\"role\":\"user\",\"content\":\"" + (t == 0 ? first : "and then?") + " " + tag + "\"}");
                    } else {
                        history.add("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"" + id + "\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"sh\",\"arguments\":\"{}\"}}]}");
                        history.add("{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\""
                                + (kind.equals("error") ? "Error: build failed\\nFATAL exception in thread main " : "12 tests passed ")
                                + tag + "\"}");
                    }
                    turns.add(new Turn(c, t, "/v1/chat/completions", "{\"model\":\"" + MODELS[model] + "\",\"messages\":["
                            + "{\"role\":\"system\",\"content\":\"You are a coding agent.\"}," + String.join(",", history) + "]}"));
                }
            }
        }
        return turns;
    }

    private static String userText(String text) {
        return "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}";
    }

    private static JarProxy proxy(RecordingUpstream upstream, Path home, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--no-cache", "--anthropic-api-url", upstream.baseUrl().toString(),
                "--openai-api-url", upstream.baseUrl().toString()));
        all.addAll(List.of(args));
        return JarProxy.start(home, Map.of(), all.toArray(String[]::new));
    }

    private void send(JarProxy proxy, Turn turn) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(proxy.base() + turn.path())).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(turn.body()));
        if (turn.path().startsWith("/v1/messages")) {
            b.header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01");
        } else {
            b.header("authorization", "Bearer sk-test-key");
        }
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void sendAll(JarProxy proxy, List<Turn> turns) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int start = 0; start < 4; start++) {
                int first = start;
                done.add(pool.submit(() -> { // each worker takes whole conversations, turns in order
                    for (Turn t : turns) {
                        if (t.conversation() % 4 == first) {
                            send(proxy, t);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode get(JarProxy proxy, String path) throws Exception {
        return JsonCodec.parse(getText(proxy, path));
    }

    private String getText(JarProxy proxy, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** {@code /stats} once {@code turns} turns are counted in the holdout (records land just after each answer). */
    private JsonNode outputSavings(JarProxy proxy, long turns) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode o;
        do {
            o = get(proxy, "/stats").path("output_savings");
        } while (o.at("/control/turns").asLong() + o.at("/treatment/turns").asLong() < turns && System.nanoTime() < deadline);
        return o;
    }

    @Test
    void aSeededSimulationMeasuresTheKnownSavingAndKeepsItAcrossARestart() throws Exception {
        List<Turn> turns = simulation();
        Path home = Files.createTempDirectory(Path.of("target"), "holdout-home").toAbsolutePath();
        JsonNode before;
        try (RecordingUpstream upstream = new RecordingUpstream()) {
            upstream.respondWith(OutputHoldoutIT::answer);
            JarProxy first = proxy(upstream, home, "--output-shaper");
            try {
                assertThat(first.banner()).contains("holdout: 10.0% of conversations unshaped");
                sendAll(first, turns);
                before = outputSavings(first, turns.size());
                System.out.println("output_savings after 2,000 simulated turns (true saving " + EFFECT + "): " + before);

                // what the upstream received: whole conversations in one arm, control ones byte-identical
                Map<String, String> sent = new HashMap<>();
                turns.forEach(t -> sent.put("c" + t.conversation() + "-t" + t.index(), t.body()));
                Set<Integer> control = new HashSet<>();
                Set<Integer> treatment = new HashSet<>();
                int identical = 0;
                for (RecordingUpstream.Received r : upstream.received) {
                    String body = new String(r.body(), StandardCharsets.UTF_8);
                    String key = lastTag(body);
                    int conversation = Integer.parseInt(key.substring(1, key.indexOf('-')));
                    if (body.contains(L2)) {
                        treatment.add(conversation);
                        assertThat(body.split(Pattern.quote(L2), -1)).as("the instruction once").hasSize(2);
                    } else {
                        control.add(conversation);
                        assertThat(body).as("a control turn is forwarded as the client sent it").isEqualTo(sent.get(key));
                        identical++;
                    }
                }
                assertThat(upstream.received).hasSize(turns.size());
                assertThat(control).as("no conversation changes arm").doesNotContainAnyElementsOf(treatment);
                assertThat(control.size() + treatment.size()).isEqualTo(400);
                assertThat(control.size() / 400.0).as("control share of conversations").isBetween(0.06, 0.14);
                assertThat(identical).isEqualTo(control.size() * 5);

                assertThat(before.path("status").asText()).isEqualTo("measured");
                assertThat(before.at("/control/turns").asLong()).isEqualTo(identical);
                assertThat(before.at("/treatment/turns").asLong()).isEqualTo(turns.size() - identical);
                double low = before.path("ci95_low").asDouble();
                double high = before.path("ci95_high").asDouble();
                assertThat(low).as("the 95%% interval [%s, %s] contains the true saving", low, high).isLessThanOrEqualTo(EFFECT);
                assertThat(high).isGreaterThanOrEqualTo(EFFECT);
                assertThat(high - low).as("and is informative").isLessThan(60);
                assertThat(before.path("saved_percent").asDouble()).isBetween(15.0, 45.0);
                List<String> strata = new ArrayList<>();
                before.path("strata").forEach(s -> strata.add(s.path("model_family").asText() + "/" + s.path("turn_kind").asText()));
                assertThat(strata).contains("claude-opus/question", "claude-sonnet/tool_continuation", "claude-opus/error",
                        "gpt-4o/question", "gpt-4o/tool_continuation", "gpt-4o/error", "gpt-5/error");

                String metrics = getText(first, "/metrics");
                assertThat(metrics).contains("headroom_output_holdout_turns{arm=\"control\"} " + identical + ".0")
                        .contains("headroom_output_savings_measured 1.0").contains("headroom_output_tokens_saved_per_turn ");
                assertThat(getText(first, "/dashboard")).contains("Output tokens saved").contains("output_savings");
            } finally {
                assertThat(first.stop()).isIn(0, 143);
            }

            try (JarProxy second = proxy(upstream, home, "--output-shaper")) {
                JsonNode after = get(second, "/stats").path("output_savings");
                assertThat(after).as("the holdout tally came back from the SQLite history").isEqualTo(before);
                StringWriter out = new StringWriter();
                CommandLine cl = HeadroomCli.commandLine();
                cl.setOut(new PrintWriter(out));
                assertThat(cl.execute("stats", "--port", Integer.toString(second.port()))).isZero();
                assertThat(out.toString()).contains("Output     tokens saved " + String.format(java.util.Locale.ROOT, "%.1f",
                        before.path("saved_tokens_per_turn").asDouble()) + " per turn (95% CI");
            }
        }
    }

    @Test
    void withTheShaperOffOrNoHoldoutNothingIsMeasuredAndRequestsPassAsSent() throws Exception {
        List<Turn> turns = simulation().subList(0, 50);
        try (RecordingUpstream upstream = new RecordingUpstream()) {
            upstream.respondWith(OutputHoldoutIT::answer);
            for (String[] args : new String[][] {{"--stateless"}, {"--stateless", "--output-shaper", "--output-holdout", "0"}}) {
                Path home = Files.createTempDirectory(Path.of("target"), "holdout-off").toAbsolutePath();
                upstream.received.clear();
                try (JarProxy proxy = proxy(upstream, home, args)) {
                    for (Turn t : turns) {
                        send(proxy, t);
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (get(proxy, "/stats").at("/requests/total").asLong() < turns.size() && System.nanoTime() < deadline) {
                        Thread.onSpinWait(); // the records land just after each answer
                    }
                    JsonNode o = get(proxy, "/stats").path("output_savings");
                    assertThat(o.at("/control/turns").asLong()).isZero();
                    assertThat(o.at("/treatment/turns").asLong()).isZero();
                    assertThat(o.path("status").asText()).isEqualTo("not enough data");
                    assertThat(get(proxy, "/stats").at("/reasons/output_shaper:holdout:control").isMissingNode()).isTrue();
                }
                assertThat(upstream.received).hasSize(turns.size());
                if (args.length == 1) {
                    for (int i = 0; i < turns.size(); i++) {
                        assertThat(new String(upstream.received.get(i).body(), StandardCharsets.UTF_8)).isEqualTo(turns.get(i).body());
                    }
                } else {
                    assertThat(upstream.received).allMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains(L2));
                }
            }
        }
    }

    private static String lastTag(String body) {
        String key = null;
        for (Matcher m = TAG.matcher(body); m.find(); ) {
            key = "c" + m.group(1) + "-t" + m.group(2);
        }
        assertThat(key).as("a turn tag in " + body).isNotNull();
        return key;
    }
}
