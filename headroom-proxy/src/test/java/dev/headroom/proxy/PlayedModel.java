package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream that plays a model for {@link RecordingUpstream}: when the request carries a retrieval marker
 * and offers {@code headroom_retrieve}, it first calls that tool with the marker's hash (optionally together
 * with a client tool); when it sees the tool's result, it answers with text quoting the needle line of the
 * retrieved original. Anthropic Messages, OpenAI Chat and OpenAI Responses, whole or streamed.
 */
final class PlayedModel implements RecordingUpstream.Responder {
    static final String NEEDLE = "NEEDLE-7f3a is the secret";
    private static final Pattern HASH = Pattern.compile("headroom_retrieve hash=([0-9a-f]{24})");

    /** Also call a client tool (Bash) alongside the retrieve call. */
    volatile boolean mixed;

    @Override
    public void respond(HttpExchange ex, RecordingUpstream.Received r) throws IOException {
        JsonNode request = JsonCodec.parse(r.body());
        boolean stream = request.path("stream").asBoolean(false);
        boolean chat = r.pathAndQuery().startsWith("/v1/chat/completions");
        boolean responses = r.pathAndQuery().startsWith("/v1/responses");
        String result = chat ? chatToolResult(request) : responses ? ResponsesPlay.toolResult(request) : anthropicToolResult(request);
        Matcher hash = HASH.matcher(new String(r.body(), StandardCharsets.UTF_8));
        String text;
        String callHash = null;
        if (result != null) {
            text = "Found it: " + needleLine(result);
        } else if (hash.find() && offersRetrieve(request)) {
            text = "Let me look.";
            callHash = hash.group(1);
        } else {
            text = "No marker here.";
        }
        if (responses) {
            if (stream) {
                sse(ex, ResponsesPlay.stream(text, callHash, mixed));
            } else {
                RecordingUpstream.json(ex, 200, ResponsesPlay.whole(text, callHash, mixed));
            }
        } else if (chat) {
            if (stream) {
                chatStream(ex, text, callHash, request.path("stream_options").path("include_usage").asBoolean(false));
            } else {
                RecordingUpstream.json(ex, 200, chatWhole(text, callHash));
            }
        } else if (stream) {
            anthropicStream(ex, text, callHash);
        } else {
            RecordingUpstream.json(ex, 200, anthropicWhole(text, callHash));
        }
    }

    private static boolean offersRetrieve(JsonNode request) {
        for (JsonNode tool : request.path("tools")) {
            if ("headroom_retrieve".equals(tool.path("name").asText(tool.path("function").path("name").asText()))) {
                return true;
            }
        }
        return false;
    }

    private static String needleLine(String text) {
        for (String line : text.split("\n")) {
            if (line.contains("NEEDLE")) {
                return line;
            }
        }
        return "(no needle in what I got back: " + text.lines().findFirst().orElse("") + ")";
    }

    private static String anthropicToolResult(JsonNode request) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.path(messages.size() - 1);
        for (JsonNode block : last.path("content")) {
            if ("tool_result".equals(block.path("type").asText()) && block.path("tool_use_id").asText().startsWith("toolu_retrieve")) {
                return block.path("content").asText();
            }
        }
        return null;
    }

    private static String chatToolResult(JsonNode request) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.path(messages.size() - 1);
        return "tool".equals(last.path("role").asText()) && last.path("tool_call_id").asText().startsWith("call_retrieve")
                ? last.path("content").asText() : null;
    }

    private String anthropicWhole(String text, String hash) {
        ObjectNode m = JsonCodec.mapper().createObjectNode();
        m.put("id", hash == null ? "msg_final" : "msg_first").put("type", "message").put("role", "assistant").put("model", "claude-test");
        ArrayNode content = m.putArray("content");
        content.addObject().put("type", "text").put("text", text);
        if (hash != null) {
            if (mixed) {
                ObjectNode bash = content.addObject().put("type", "tool_use").put("id", "toolu_bash_1").put("name", "Bash");
                bash.putObject("input").put("command", "ls");
            }
            ObjectNode use = content.addObject().put("type", "tool_use").put("id", "toolu_retrieve_1").put("name", "headroom_retrieve");
            use.putObject("input").put("hash", hash);
        }
        m.put("stop_reason", hash == null ? "end_turn" : "tool_use").putNull("stop_sequence");
        m.putObject("usage").put("input_tokens", hash == null ? 150 : 100).put("output_tokens", hash == null ? 20 : 10);
        return JsonCodec.write(m);
    }

    private void anthropicStream(HttpExchange ex, String text, String hash) throws IOException {
        List<String> events = new ArrayList<>();
        events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + (hash == null ? "msg_final" : "msg_first")
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":" + (hash == null ? 150 : 100) + ",\"output_tokens\":1}}}"));
        events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        events.add(event("ping", "{\"type\":\"ping\"}"));
        int half = text.length() / 2;
        for (String piece : new String[] {text.substring(0, half), text.substring(half)}) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                    + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(piece)) + "}}"));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        int index = 1;
        if (hash != null) {
            if (mixed) {
                events.addAll(toolUseEvents(index++, "toolu_bash_1", "Bash", "{\\\"command\\\":", "\\\"ls\\\"}"));
            }
            events.addAll(toolUseEvents(index, "toolu_retrieve_1", "headroom_retrieve", "{\\\"hash\\\": \\\"", hash + "\\\"}"));
        }
        events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + (hash == null ? "end_turn" : "tool_use")
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + (hash == null ? 20 : 10) + "}}"));
        events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
        sse(ex, events);
    }

    private static List<String> toolUseEvents(int index, String id, String name, String json1, String json2) {
        return List.of(
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\""
                        + id + "\",\"name\":\"" + name + "\",\"input\":{}}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                        + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + json1 + "\"}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                        + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + json2 + "\"}}"),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
    }

    private String chatWhole(String text, String hash) {
        ObjectNode c = JsonCodec.mapper().createObjectNode();
        c.put("id", hash == null ? "chatcmpl-final" : "chatcmpl-first").put("object", "chat.completion").put("model", "gpt-test");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", text);
        if (hash != null) {
            ArrayNode calls = message.putArray("tool_calls");
            if (mixed) {
                calls.addObject().put("id", "call_bash_1").put("type", "function").putObject("function")
                        .put("name", "Bash").put("arguments", "{\"command\":\"ls\"}");
            }
            calls.addObject().put("id", "call_retrieve_1").put("type", "function").putObject("function")
                    .put("name", "headroom_retrieve").put("arguments", "{\"hash\":\"" + hash + "\"}");
        }
        choice.put("finish_reason", hash == null ? "stop" : "tool_calls");
        c.putObject("usage").put("prompt_tokens", hash == null ? 150 : 100).put("completion_tokens", hash == null ? 20 : 10)
                .put("total_tokens", hash == null ? 170 : 110);
        return JsonCodec.write(c);
    }

    private void chatStream(HttpExchange ex, String text, String hash, boolean usage) throws IOException {
        String id = hash == null ? "chatcmpl-final" : "chatcmpl-first";
        String head = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":";
        List<String> events = new ArrayList<>();
        events.add(data(head + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"));
        events.add(data(head + "{\"content\":" + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(text)) + "},\"finish_reason\":null}]}"));
        if (hash != null) {
            int index = 0;
            if (mixed) {
                events.addAll(chatCall(head, index++, "call_bash_1", "Bash", "{\\\"command\\\":\\\"ls\\\"}"));
            }
            events.addAll(chatCall(head, index, "call_retrieve_1", "headroom_retrieve", "{\\\"hash\\\":\\\"" + hash + "\\\"}"));
        }
        events.add(data(head + "{},\"finish_reason\":\"" + (hash == null ? "stop" : "tool_calls") + "\"}]}"));
        if (usage) {
            events.add(data("{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
                    + (hash == null ? 150 : 100) + ",\"completion_tokens\":" + (hash == null ? 20 : 10) + ",\"total_tokens\":" + (hash == null ? 170 : 110) + "}}"));
        }
        events.add(data("[DONE]"));
        sse(ex, events);
    }

    private static List<String> chatCall(String head, int index, String id, String name, String arguments) {
        int half = arguments.length() / 2;
        if (arguments.charAt(half - 1) == '\\') {
            half++; // never split an escape
        }
        return List.of(
                data(head + "{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\""
                        + name + "\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}"),
                data(head + "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":\"" + arguments.substring(0, half) + "\"}}]},\"finish_reason\":null}]}"),
                data(head + "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":\"" + arguments.substring(half) + "\"}}]},\"finish_reason\":null}]}"));
    }

    private static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    private static String data(String json) {
        return "data: " + json + "\n\n";
    }

    private static void sse(HttpExchange ex, List<String> events) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (String e : events) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
