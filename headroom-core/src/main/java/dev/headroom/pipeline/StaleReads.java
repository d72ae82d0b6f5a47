package dev.headroom.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.ToolOutput;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read lifecycle of files in a conversation: a file read that is followed by an edit or write of the
 * same file, and later by another read of it, shows content the model must no longer rely on. Such a read is
 * stale; the latest read of each file never is.
 *
 * <p>Reads are Read-like tool calls with a path argument, and editor views that announce their file in
 * their first lines ({@code [File: path (N lines total)]}, as SWE-agent's viewer prints). An edit tool's
 * output that is such a view counts as both a write and a fresh read of the file; one that quotes such views
 * further down is a failed edit's preview ({@link StaleEditPreviews}).
 */
final class StaleReads {
    private static final Set<String> READS = Set.of("read", "read_file", "readfile", "view", "view_file", "cat_file");
    private static final Set<String> WRITES = Set.of("edit", "multiedit", "write", "write_file", "edit_file",
            "create_file", "notebookedit", "str_replace_based_edit_tool", "apply_patch");
    private static final List<String> PATH_KEYS = List.of("file_path", "path", "notebook_path", "filename", "file");
    static final Pattern VIEW_HEADER = Pattern.compile("^\\[File: (\\S+) \\(\\d+ lines total\\)]", Pattern.MULTILINE);
    private static final int VIEW_HEADER_LINES = 3;

    private StaleReads() {
    }

    /**
     * What went stale in a conversation.
     *
     * @param reads    stale reads (identity map), with the path each one read
     * @param previews failed edits quoting views of a file that was changed and shown again later, with that path
     */
    record Stale(Map<ToolOutput, String> reads, Map<ToolOutput, String> previews) {
        /** Nothing stale: the read lifecycle is off. */
        static final Stale NONE = new Stale(Map.of(), Map.of());
    }

    /** The stale reads and stale edit previews among {@code outputs}. */
    static Stale find(List<ToolOutput> outputs) {
        String[] reads = new String[outputs.size()];
        String[] writes = new String[outputs.size()];
        String[] previews = new String[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            ToolOutput output = outputs.get(i);
            String tool = output.toolName().toLowerCase(Locale.ROOT);
            String view = viewedPath(output.text());
            String path = path(output.toolInput());
            reads[i] = readPath(tool, path, view);
            if (WRITES.contains(tool)) {
                writes[i] = path.isEmpty() ? (view.isEmpty() ? null : view) : path;
                previews[i] = view.isEmpty() ? StaleEditPreviews.previewedPath(output.text()) : null;
            }
        }
        return new Stale(staleAmong(outputs, reads, reads, writes), staleAmong(outputs, previews, reads, writes));
    }

    /**
     * The file each output shows, or null: the path of a Read-like tool call, else the file of an editor view
     * (also when an edit tool printed it).
     */
    static String[] readPaths(List<ToolOutput> outputs) {
        String[] reads = new String[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            ToolOutput output = outputs.get(i);
            reads[i] = readPath(output.toolName().toLowerCase(Locale.ROOT), path(output.toolInput()), viewedPath(output.text()));
        }
        return reads;
    }

    /** Whether the output answers a Read-like tool call that names its file ({@code Read}, {@code read_file}, …). */
    static boolean isPathRead(ToolOutput output) {
        return READS.contains(output.toolName().toLowerCase(Locale.ROOT)) && !path(output.toolInput()).isEmpty();
    }

    private static String readPath(String tool, String path, String view) {
        if (WRITES.contains(tool)) {
            return view.isEmpty() ? null : view;
        }
        if (READS.contains(tool) && !path.isEmpty()) {
            return path;
        }
        return view.isEmpty() ? null : view;
    }

    /** The outputs whose {@code shown} file is later written and then read again. */
    private static Map<ToolOutput, String> staleAmong(List<ToolOutput> outputs, String[] shown, String[] reads, String[] writes) {
        Map<ToolOutput, String> stale = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (shown[i] != null && laterMatch(writes, i, shown[i]) && laterMatch(reads, i, shown[i])) {
                stale.put(outputs.get(i), shown[i]);
            }
        }
        return stale;
    }

    static boolean laterMatch(String[] paths, int after, String path) {
        for (int j = after + 1; j < paths.length; j++) {
            if (paths[j] != null && samePath(paths[j], path)) {
                return true;
            }
        }
        return false;
    }

    /** Tools name one file relatively and absolutely ({@code src/a.py}, {@code /repo/src/a.py}). */
    static boolean samePath(String a, String b) {
        String x = a.startsWith("./") ? a.substring(2) : a;
        String y = b.startsWith("./") ? b.substring(2) : b;
        return x.equals(y) || x.endsWith("/" + y) || y.endsWith("/" + x);
    }

    /**
     * The file an editor view shows, announced in its first three lines, or an empty string. A header further
     * down (such as a failed edit's preview of how the file would have looked) is not a view of the file.
     */
    private static String viewedPath(String text) {
        int end = -1;
        for (int line = 0; line < VIEW_HEADER_LINES; line++) {
            end = text.indexOf('\n', end + 1);
            if (end < 0) {
                end = text.length();
                break;
            }
        }
        Matcher m = VIEW_HEADER.matcher(text.substring(0, Math.min(text.length(), Math.max(end, 0))));
        return m.find() ? m.group(1) : "";
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
