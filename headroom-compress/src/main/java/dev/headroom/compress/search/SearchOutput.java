package dev.headroom.compress.search;

import java.util.List;
import java.util.Map;

/**
 * Search output parsed into hits grouped by file, in order of first appearance.
 *
 * @param files      hits per file path, in order of first appearance (a {@link java.util.LinkedHashMap})
 * @param otherLines lines that are neither hits, separators nor file headings, in order
 * @param hitCount   the number of hits over all files
 */
record SearchOutput(Map<String, List<SearchHit>> files, List<String> otherLines, int hitCount) {
}
