package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus's {@code QUESTIONS.json}: for each file, a question an agent would ask about it and the exact
 * substrings (needles) that its answer depends on.
 */
final class CorpusQuestions {
    private CorpusQuestions() {
    }

    /** One corpus file's question and needles. */
    record Case(String file, String question, List<String> needles) {
    }

    /** The cases by file, in the order of the questions file; empty when the corpus has no questions. */
    static Map<String, Case> read(Path corpusDir) throws IOException {
        Path path = corpusDir.resolve("QUESTIONS.json");
        Map<String, Case> cases = new LinkedHashMap<>();
        if (!Files.isRegularFile(path)) {
            return cases;
        }
        for (JsonNode c : JsonCodec.parse(Files.readAllBytes(path)).path("cases")) {
            List<String> needles = new ArrayList<>();
            c.path("needles").forEach(n -> needles.add(n.asText()));
            cases.put(c.path("file").asText(), new Case(c.path("file").asText(), c.path("question").asText(), List.copyOf(needles)));
        }
        return cases;
    }
}
