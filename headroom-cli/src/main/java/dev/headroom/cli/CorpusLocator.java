package dev.headroom.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code testdata/corpus} (the repository's copy) above the working directory. */
final class CorpusLocator {
    private CorpusLocator() {
    }

    static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("corpus");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no testdata/corpus above " + Path.of("").toAbsolutePath() + "; use --corpus DIR");
    }
}
