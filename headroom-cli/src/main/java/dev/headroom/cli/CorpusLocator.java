package dev.headroom.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/corpus} above the working directory. */
final class CorpusLocator {
    private CorpusLocator() {
    }

    static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("corpus");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no shared/corpus above " + Path.of("").toAbsolutePath() + "; use --corpus DIR");
    }
}
