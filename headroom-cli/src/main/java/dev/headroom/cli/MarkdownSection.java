package dev.headroom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces the text between two marker comments of a markdown file, or appends the section. */
final class MarkdownSection {
    private MarkdownSection() {
    }

    static void replace(Path file, String begin, String end, String body) throws IOException {
        String section = begin + "\n" + body + end + "\n";
        String current = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int from = current.indexOf(begin);
        int to = current.indexOf(end);
        String updated;
        if (from >= 0 && to > from) {
            int after = to + end.length();
            if (after < current.length() && current.charAt(after) == '\n') {
                after++;
            }
            updated = current.substring(0, from) + section + current.substring(after);
        } else {
            updated = current + (current.isEmpty() || current.endsWith("\n") ? "" : "\n") + section;
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
