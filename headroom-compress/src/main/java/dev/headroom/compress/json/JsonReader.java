package dev.headroom.compress.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tool output as one JSON value, as a stream of JSON values (JSON lines), or as JSON lines mixed with
 * plain lines (a pino log with a {@code stdout:} header). Uses the streaming parser of {@link JsonCodec}'s
 * factory (its nesting and size limits apply) and keeps each number's text exactly.
 */
final class JsonReader {
    private static final JsonFactory FACTORY = JsonCodec.mapper().getFactory();
    private static final int PREFIX_CHARS = 8_192;

    private JsonReader() {
    }

    /** Whether most of the first lines (looking at a bounded prefix) are JSON objects. */
    static boolean mostlyJsonLines(String text) {
        int objects = 0;
        int nonBlank = 0;
        int start = 0;
        int limit = Math.min(text.length(), PREFIX_CHARS);
        while (start < limit) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            String line = text.substring(start, Math.min(end, start + 64)).strip();
            start = end + 1;
            if (!line.isEmpty()) {
                nonBlank++;
                objects += line.startsWith("{\"") || line.equals("{") ? 1 : 0;
            }
        }
        return objects >= 2 && objects * 2 >= nonBlank;
    }

    /** The document, or null when the text is not JSON or JSON lines. */
    static Document read(String text) {
        Document whole = readValues(text);
        return whole != null ? whole : readLines(text);
    }

    private static Document readValues(String text) {
        List<Json> values = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Json value = value(parser, token);
                if (!values.isEmpty() && !(value instanceof Json.Obj && values.get(0) instanceof Json.Obj)) {
                    return null;
                }
                values.add(value);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? new Document(values.get(0), false) : new Document(new Json.Arr(values), true);
    }

    private static Document readLines(String text) {
        List<Json> rows = new ArrayList<>();
        int objects = 0;
        int nonBlank = 0;
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            nonBlank++;
            Json parsed = line.charAt(0) == '{' && line.charAt(line.length() - 1) == '}' ? parseLine(line) : null;
            if (parsed != null) {
                objects++;
                rows.add(parsed);
            } else {
                rows.add(Json.Str.of(line));
            }
        }
        if (objects < 2 || objects * 2 < nonBlank) {
            return null;
        }
        return new Document(new Json.Arr(rows), true);
    }

    private static Json parseLine(String line) {
        try (JsonParser parser = FACTORY.createParser(line)) {
            Json value = value(parser, parser.nextToken());
            return parser.nextToken() == null && value instanceof Json.Obj ? value : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Json value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of input");
        }
        switch (token) {
            case START_OBJECT: {
                Json.Obj obj = new Json.Obj(8);
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    obj.put(key, value(parser, parser.nextToken()));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new IOException("malformed object");
                }
                return obj;
            }
            case START_ARRAY: {
                Json.Arr arr = new Json.Arr(8);
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    arr.items.add(value(parser, next));
                }
                return arr;
            }
            case VALUE_STRING:
                return Json.Str.of(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Json.Num(parser.getText());
            case VALUE_TRUE:
                return Json.Bool.TRUE;
            case VALUE_FALSE:
                return Json.Bool.FALSE;
            case VALUE_NULL:
                return Json.Null.INSTANCE;
            default:
                throw new IOException("unexpected token " + token);
        }
    }
}
