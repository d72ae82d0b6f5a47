package dev.headroom.compress.search;

import dev.headroom.compress.query.QueryTerms;

import java.util.List;
import java.util.Map;

/**
 * Prints search hits grouped by file in ripgrep's heading style: the path on its own line, then
 * {@code 12:text} for matches and {@code 13-text} for context lines. Stateless and thread-safe.
 */
final class SearchRenderer {
    private static final int MAX_CONTENT_CHARS = 300;
    private static final int CLIP_WINDOW = 240;
    private static final int LISTED_FILES = 30;

    /** Every hit, grouped by file; loses nothing but repeated paths and {@code --} separators. */
    String grouped(SearchOutput output) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<SearchHit>> file : output.files().entrySet()) {
            heading(sb, file.getKey());
            for (SearchHit hit : file.getValue()) {
                sb.append(hit.groupedLine()).append('\n');
            }
        }
        appendOther(sb, output.otherLines());
        return sb.toString().stripTrailing();
    }

    /** The selected hits, a count of what each file left out, the files only counted, and the marker. */
    String selected(HitSelector.Selection selection, SearchOutput output, QueryTerms terms, String marker) {
        StringBuilder sb = new StringBuilder();
        for (FileHits file : selection.shown()) {
            heading(sb, file.path());
            for (SearchHit hit : file.kept()) {
                sb.append(hit.lineNumber()).append(hit.match() ? ':' : '-')
                        .append(clip(hit.content(), terms)).append('\n');
            }
            appendDropped(sb, file);
        }
        appendCounted(sb, selection.counted());
        appendOther(sb, output.otherLines());
        return sb.append(marker).toString();
    }

    private static void heading(StringBuilder sb, String path) {
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        if (!path.isEmpty()) {
            sb.append(path).append('\n');
        }
    }

    private static void appendDropped(StringBuilder sb, FileHits file) {
        int matches = file.droppedMatches();
        int context = file.droppedContext();
        if (matches == 0 && context == 0) {
            return;
        }
        sb.append("… ");
        if (matches > 0) {
            sb.append(matches).append(matches == 1 ? " more match" : " more matches");
        }
        if (context > 0) {
            sb.append(matches > 0 ? ", " : "").append(context).append(context == 1 ? " context line" : " context lines");
        }
        if (!file.path().isEmpty()) {
            sb.append(" in ").append(file.path());
        }
        sb.append('\n');
    }

    private static void appendCounted(StringBuilder sb, List<FileHits> counted) {
        if (counted.isEmpty()) {
            return;
        }
        int matches = counted.stream().mapToInt(FileHits::matchCount).sum();
        sb.append("\n… ").append(counted.size()).append(counted.size() == 1 ? " more file" : " more files")
                .append(" with ").append(matches).append(matches == 1 ? " match: " : " matches: ");
        int listed = Math.min(LISTED_FILES, counted.size());
        for (int i = 0; i < listed; i++) {
            FileHits file = counted.get(i);
            sb.append(i == 0 ? "" : ", ").append(file.path()).append(" (").append(file.matchCount()).append(')');
        }
        if (counted.size() > listed) {
            sb.append(", and ").append(counted.size() - listed).append(" more");
        }
        sb.append('\n');
    }

    private static void appendOther(StringBuilder sb, List<String> other) {
        if (other.isEmpty()) {
            return;
        }
        sb.append('\n');
        for (String line : other) {
            sb.append(line).append('\n');
        }
    }

    /** A long line cut to a window around its first query term (or its start). */
    private static String clip(String content, QueryTerms terms) {
        if (content.length() <= MAX_CONTENT_CHARS) {
            return content;
        }
        int at = Math.max(0, terms.indexIn(content));
        int start = at < CLIP_WINDOW / 2 ? 0 : at - CLIP_WINDOW / 3;
        int end = Math.min(content.length(), start + CLIP_WINDOW);
        if (start > 0 && Character.isLowSurrogate(content.charAt(start))) {
            start--;
        }
        if (end < content.length() && Character.isLowSurrogate(content.charAt(end))) {
            end++;
        }
        return (start > 0 ? "…" : "") + content.substring(start, end)
                + "… (" + (content.length() - (end - start)) + " more chars)";
    }

}
