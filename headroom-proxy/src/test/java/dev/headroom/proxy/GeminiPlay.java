package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * A Gemini upstream for {@link RecordingUpstream}, answering in the shapes of real Gemini API traffic as
 * recorded in googleapis/js-genai's {@code test/system/recordings} (for example
 * {@code non-streaming_Tests_generateContent_afc_disabled_Google_AI_AFC_disabled.json},
 * {@code Chats_Tests_sendMessage_Google_AI_with_text_stream.json} and
 * {@code AFC_Streaming_Tests_generateContentStream_afc_enabled_Google_AI_AFC_enabled.json}): each answer is a
 * {@code GenerateContentResponse} with {@code candidates[].content.parts}, {@code finishReason "STOP"},
 * {@code usageMetadata} (a snapshot in every stream chunk, the last one final), {@code modelVersion} and
 * {@code responseId}; {@code alt=sse} streams are {@code data: {chunk}\r\n\r\n} events with
 * {@code text/event-stream}, streams without it one JSON array sent in pieces as {@code application/json}.
 *
 * <p>It plays a model: when the request carries a retrieval marker and declares {@code headroom_retrieve},
 * it calls that function with the marker's hash; when it sees the function's response, it quotes the
 * needle line; when asked to, it calls the client's own function.
 */
final class GeminiPlay implements RecordingUpstream.Responder {
    static final String NEEDLE = PlayedModel.NEEDLE;
    private static final Pattern HASH = Pattern.compile("headroom_retrieve hash=([0-9a-f]{24})");

    /** Answer every request by calling the client's {@code customDivide} function. */
    volatile boolean clientCall;
    private int responses;

    @Override
    public void respond(HttpExchange ex, RecordingUpstream.Received r) throws IOException {
        JsonNode request = JsonCodec.parse(r.body());
        String retrieved = retrievedText(request);
        Matcher hash = HASH.matcher(new String(r.body(), StandardCharsets.UTF_8));
        List<ObjectNode> parts = new ArrayList<>();
        if (clientCall) {
            parts.add(functionCall("customDivide", JsonCodec.parse("{\"denominator\":2,\"numerator\":10}")));
        } else if (retrieved != null) {
            parts.add(text("Found it: " + needleLine(retrieved)));
        } else if (hash.find() && declaresRetrieve(request)) {
            parts.add(text("Let me look."));
            ObjectNode call = functionCall("headroom_retrieve", JsonCodec.parse("{\"hash\":\"" + hash.group(1) + "\"}"));
            call.put("thoughtSignature", "c2lnbmF0dXJl"); // Gemini 2.5+ attaches one; it must come back
            parts.add(call);
        } else {
            parts.add(text("No marker here."));
        }
        String id = "resp-" + (++responses);
        int prompt = r.body().length / 10;
        String path = r.pathAndQuery();
        if (path.contains(":streamGenerateContent")) {
            List<ObjectNode> chunks = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                boolean last = i == parts.size() - 1;
                chunks.add(chunk(parts.get(i), last, prompt, last ? 5 + 3 * parts.size() : 0, id));
            }
            if (path.contains("alt=sse")) {
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                for (ObjectNode c : chunks) {
                    out.write(("data: " + JsonCodec.write(c) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } else {
                jsonArray(ex, chunks);
            }
        } else {
            ObjectNode answer = chunk(parts.get(0), true, prompt, 5 + 3 * parts.size(), id);
            ArrayNode all = (ArrayNode) answer.at("/candidates/0/content/parts");
            for (int i = 1; i < parts.size(); i++) {
                all.add(parts.get(i));
            }
            RecordingUpstream.json(ex, 200, JsonCodec.write(answer));
        }
    }

    /** The stream without {@code alt=sse}: a pretty-printed JSON array, one element per write, as Google sends it. */
    static void jsonArray(HttpExchange ex, List<ObjectNode> chunks) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (int i = 0; i < chunks.size(); i++) {
            String element = JsonCodec.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(chunks.get(i));
            out.write(((i == 0 ? "[" : ",\r\n") + element + (i == chunks.size() - 1 ? "]" : "")).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    static ObjectNode chunk(ObjectNode part, boolean last, int prompt, int candidatesTokens, String responseId) {
        ObjectNode chunk = JsonCodec.mapper().createObjectNode();
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").add(part);
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", "STOP");
        }
        ObjectNode usage = chunk.putObject("usageMetadata");
        usage.put("promptTokenCount", prompt);
        if (last) {
            usage.put("candidatesTokenCount", candidatesTokens);
        }
        usage.put("totalTokenCount", prompt + (last ? candidatesTokens : 0));
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", prompt);
        chunk.put("modelVersion", "gemini-2.0-flash");
        chunk.put("responseId", responseId);
        return chunk;
    }

    static ObjectNode text(String text) {
        return JsonCodec.mapper().createObjectNode().put("text", text);
    }

    static ObjectNode functionCall(String name, JsonNode args) {
        ObjectNode part = JsonCodec.mapper().createObjectNode();
        ObjectNode call = part.putObject("functionCall");
        call.set("args", args);
        call.put("name", name);
        return part;
    }

    private static boolean declaresRetrieve(JsonNode request) {
        for (JsonNode tool : request.path("tools")) {
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                if ("headroom_retrieve".equals(declaration.path("name").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The output of the latest {@code headroom_retrieve} function response, or null. */
    private static String retrievedText(JsonNode request) {
        String found = null;
        for (JsonNode content : request.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                JsonNode response = part.path("functionResponse");
                if ("headroom_retrieve".equals(response.path("name").asText())) {
                    found = response.path("response").path("output").asText(null);
                }
            }
        }
        return found;
    }

    private static String needleLine(String text) {
        for (String line : text.split("\n")) {
            if (line.contains("NEEDLE")) {
                return line;
            }
        }
        return "(no needle)";
    }
}
