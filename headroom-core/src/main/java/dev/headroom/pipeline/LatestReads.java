package dev.headroom.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.ToolOutput;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The newest read of each file in a conversation is what the agent is working from — usually about to edit,
 * and an edit needs the exact text — so by default its source code is never outlined ({@code latest_read}).
 * Earlier reads of the same file, and source code that is not a file read, may be.
 *
 * <p>The Read interceptor ({@code --intercept-tool-results}) outlines the newest read too, when it read a whole
 * file through a Read-like tool that names it: not when it asked for a line range (offset, limit and the
 * like: it wants those lines; the outline's marker tells it to do just that), not an editor view (a window of
 * the file), and not when the same file was read before in the conversation (the agent came back for the whole
 * file, so an outline would only make it ask again).
 */
final class LatestReads {
    private static final List<String> RANGE_KEYS = List.of("offset", "limit", "line_range", "start_line", "end_line",
            "ranges", "view_range");

    private LatestReads() {
    }

    /** The outputs (identity set) whose source code is kept whole. */
    static Set<ToolOutput> keptWhole(List<ToolOutput> outputs, boolean intercept) {
        String[] reads = StaleReads.readPaths(outputs);
        Set<ToolOutput> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < outputs.size(); i++) {
            if (reads[i] == null || StaleReads.laterMatch(reads, i, reads[i])) {
                continue; // not a read, or not the newest read of its file
            }
            ToolOutput output = outputs.get(i);
            if (!intercept || !interceptable(output) || earlierMatch(reads, i, reads[i])) {
                kept.add(output);
            }
        }
        return kept;
    }

    private static boolean interceptable(ToolOutput output) {
        if (!StaleReads.isPathRead(output)) {
            return false;
        }
        JsonNode input = output.toolInput();
        for (String key : RANGE_KEYS) {
            if (input.has(key) && !input.get(key).isNull()) {
                return false;
            }
        }
        return true;
    }

    private static boolean earlierMatch(String[] paths, int before, String path) {
        for (int j = 0; j < before; j++) {
            if (paths[j] != null && StaleReads.samePath(paths[j], path)) {
                return true;
            }
        }
        return false;
    }
}
