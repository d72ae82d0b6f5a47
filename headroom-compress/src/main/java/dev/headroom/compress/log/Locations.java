package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a list of source locations compactly: their common directory once, then each subdirectory once
 * with its files in braces, such as {@code /src/{main/{A.java:[1], B.java:[1]}, test/C.java:[4]}}.
 */
public final class Locations {
    private Locations() {
    }

    /** The compact form; more than {@code max} locations end with {@code … +N more}. */
    public static String compact(List<String> locations, int max) {
        if (locations.isEmpty()) {
            return "";
        }
        List<String> shown = locations.subList(0, Math.min(max, locations.size()));
        String prefix = commonDirectory(shown);
        Map<String, List<String>> byDirectory = new LinkedHashMap<>();
        for (String location : shown) {
            String rest = location.substring(prefix.length());
            int slash = lastSeparator(rest, rest.length());
            byDirectory.computeIfAbsent(rest.substring(0, slash + 1), k -> new ArrayList<>()).add(rest.substring(slash + 1));
        }
        List<String> items = new ArrayList<>();
        byDirectory.forEach((directory, files) -> {
            if (directory.isEmpty()) {
                items.addAll(files);
            } else {
                items.add(files.size() == 1 ? directory + files.get(0) : directory + "{" + String.join(", ", files) + "}");
            }
        });
        if (locations.size() > shown.size()) {
            items.add("… +" + TextLines.count(locations.size() - shown.size()) + " more");
        }
        String body = String.join(", ", items);
        return prefix.isEmpty() || items.size() == 1 ? prefix + body : prefix + "{" + body + "}";
    }

    private static String commonDirectory(List<String> locations) {
        String first = locations.get(0);
        int common = first.length();
        for (String other : locations) {
            int i = 0;
            int limit = Math.min(common, other.length());
            while (i < limit && first.charAt(i) == other.charAt(i)) {
                i++;
            }
            common = i;
        }
        int slash = lastSeparator(first, common);
        return slash < 0 ? "" : first.substring(0, slash + 1);
    }

    private static int lastSeparator(String s, int before) {
        return before <= 0 ? -1 : Math.max(s.lastIndexOf('/', before - 1), s.lastIndexOf('\\', before - 1));
    }
}
