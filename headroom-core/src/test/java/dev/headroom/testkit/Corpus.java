package dev.headroom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's real-data corpus ({@code testdata/corpus} at the repository root). Found from the system property
 * {@code headroom.corpus}, else by walking up from the working directory to the folder that holds it.
 */
public final class Corpus {
    private Corpus() {
    }

    /** The corpus folder; fails with a clear message when it cannot be found. */
    public static Path dir() {
        String property = System.getProperty("headroom.corpus");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("corpus");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/corpus not found above " + Path.of("").toAbsolutePath()
                + "; set -Dheadroom.corpus=PATH");
    }

    /** The text of one corpus file, such as {@code "logs/k8s-sockshop-catalogue.log"}. */
    public static String read(String relativePath) {
        try {
            return Files.readString(dir().resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative paths of every file in one category folder ({@code "json"}, {@code "logs"}, ...), sorted. */
    public static List<String> files(String folder) {
        try (Stream<Path> files = Files.list(dir().resolve(folder))) {
            return files.filter(Files::isRegularFile).map(p -> folder + "/" + p.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
