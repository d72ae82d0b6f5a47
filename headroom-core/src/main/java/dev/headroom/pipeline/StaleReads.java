package dev.headroom.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.ToolOutput;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The read lifecycle of files in a conversation: a file read that is followed by an edit or write of the
 * same file, and later by another read of it, shows content the model must no longer rely on. Such a read is
 * stale; the latest read of each file never is.
 */
final class StaleReads {
    private static final Set<String> READS = Set.of("read", "read_file", "readfile", "view", "view_file", "cat_file");
    private static final Set<String> WRITES = Set.of("edit", "multiedit", "write", "write_file", "edit_file",
            "create_file", "notebookedit", "str_replace_based_edit_tool", "apply_patch");
    private static final List<String> PATH_KEYS = List.of("file_path", "path", "notebook_path", "filename", "file");

    private StaleReads() {
    }

    /** The stale reads among {@code outputs} (identity set), with the path each one read. */
    static Map<ToolOutput, String> find(List<ToolOutput> outputs) {
        Map<String, Integer> lastRead = new HashMap<>();
        Map<String, Integer> lastWrite = new HashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            ToolOutput output = outputs.get(i);
            String path = path(output.toolInput());
            if (path.isEmpty()) {
                continue;
            }
            String tool = output.toolName().toLowerCase(Locale.ROOT);
            if (READS.contains(tool)) {
                lastRead.put(path, i);
            } else if (WRITES.contains(tool)) {
                lastWrite.put(path, i);
            }
        }
        Map<ToolOutput, String> stale = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            ToolOutput output = outputs.get(i);
            if (!READS.contains(output.toolName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String path = path(output.toolInput());
            if (!path.isEmpty() && lastRead.get(path) > i && lastWrite.getOrDefault(path, -1) > i) {
                stale.put(output, path);
            }
        }
        return stale;
    }

    private static String path(JsonNode input) {
        for (String key : PATH_KEYS) {
            JsonNode value = input.get(key);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return "";
    }

    /** The notice that replaces a stale read. */
    static String notice(String path) {
        return "[stale read of " + path.replaceAll("[\\[\\]\\r\\n]", "_")
                + ": the file was changed after this read; a later read in this conversation shows its current content]";
    }
}
