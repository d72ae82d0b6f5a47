package dev.headroom.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one marker grammar of reversible compression, and its parser.
 *
 * <pre>[headroom: 412 of 500 items omitted; headroom_retrieve hash=0123456789abcdef01234567]</pre>
 *
 * <p>The summary says what was left out; the rest tells the model which tool returns it. A summary never
 * contains brackets or line breaks, so a marker is always one line and parses unambiguously.
 */
public final class Marker {
    /** The retrieval tool's name, as the model sees it. */
    public static final String TOOL_NAME = "headroom_retrieve";

    private static final Pattern MARKER = Pattern.compile(
            "\\[headroom: [^\\[\\]\\n]*?" + TOOL_NAME + " hash=([0-9a-f]{" + ContentHash.LENGTH + "})]");

    private Marker() {
    }

    /** The marker for a retained original with the given hash. */
    public static String render(String hash, String summary) {
        if (!ContentHash.isValid(hash)) {
            throw new IllegalArgumentException("not a content hash: " + hash);
        }
        String clean = summary == null ? "" : summary.replaceAll("[\\[\\]\\r\\n]+", " ").strip();
        if (clean.isEmpty()) {
            clean = "content omitted";
        }
        return "[headroom: " + clean + "; " + TOOL_NAME + " hash=" + hash + "]";
    }

    /** Whether {@code text} contains at least one marker. */
    public static boolean containsMarker(String text) {
        return text.contains("[headroom: ") && MARKER.matcher(text).find();
    }

    /** The hashes of every marker in {@code text}, in order of appearance. */
    public static List<String> hashesIn(String text) {
        List<String> hashes = new ArrayList<>();
        if (!text.contains("[headroom: ")) {
            return hashes;
        }
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            hashes.add(m.group(1));
        }
        return hashes;
    }
}
