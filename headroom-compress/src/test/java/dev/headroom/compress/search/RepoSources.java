package dev.headroom.compress.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fixtures made at test time from this repository's own sources ({@code headroom-core/src/main/java}), so
 * the tests run from a fresh clone: the Java files themselves and grep-style search output over them.
 */
public final class RepoSources {
    private RepoSources() {
    }

    /** The repository root: the first folder above the working directory that holds {@code headroom-core}. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("headroom-core/src/main/java"))) {
                return p;
            }
        }
        throw new IllegalStateException("headroom-core sources not found above " + Path.of("").toAbsolutePath());
    }

    /** Every main Java file of headroom-core, as paths relative to the repository root, sorted. */
    public static List<String> coreJavaFiles() {
        Path root = root();
        try (Stream<Path> files = Files.walk(root.resolve("headroom-core/src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a file given relative to the repository root. */
    public static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code grep -rn -C context REGEX headroom-core/src/main/java} prints: {@code path:N:line} for
     * matches, {@code path-N-line} for context lines and {@code --} between separate groups.
     */
    public static String grep(String regex, int context) {
        Pattern pattern = Pattern.compile(regex);
        StringBuilder sb = new StringBuilder();
        for (String file : coreJavaFiles()) {
            String[] lines = read(file).split("\n", -1);
            int lastPrinted = -1;
            for (int i = 0; i < lines.length; i++) {
                if (!pattern.matcher(lines[i]).find()) {
                    continue;
                }
                int from = Math.max(Math.max(0, i - context), lastPrinted + 1);
                if (lastPrinted >= 0 && from > lastPrinted + 1 && context > 0 || sb.length() > 0 && lastPrinted < 0 && context > 0) {
                    sb.append("--\n");
                }
                for (int j = from; j < i; j++) {
                    sb.append(file).append('-').append(j + 1).append('-').append(lines[j]).append('\n');
                }
                sb.append(file).append(':').append(i + 1).append(':').append(lines[i]).append('\n');
                lastPrinted = i;
                int to = Math.min(lines.length - 1, i + context);
                for (int j = i + 1; j <= to && !pattern.matcher(lines[j]).find(); j++) {
                    sb.append(file).append('-').append(j + 1).append('-').append(lines[j]).append('\n');
                    lastPrinted = j;
                }
            }
        }
        return sb.toString();
    }
}
