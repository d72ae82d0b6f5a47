package dev.headroom.compress.code;

import dev.headroom.compress.query.QueryTerms;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Outlines source code of the supported languages: Java (JavaParser), Python (indentation), Go, Rust,
 * JavaScript and TypeScript (braces). Accepts plain source and the line-numbered form of file-read tools.
 * Stateless and thread-safe.
 */
public final class SourceOutlines {
    private SourceOutlines() {
    }

    /**
     * The outline of {@code text}, or empty when the language is not supported or the source does not parse.
     *
     * @param text     the source, plain or with read-tool line-number prefixes
     * @param language a language name such as {@code "java"}, {@code "python"} or {@code "typescript"}
     * @param terms    the query; functions it names are kept whole
     */
    public static Optional<CodeOutline> outline(String text, String language, QueryTerms terms) {
        String lang = language.toLowerCase(Locale.ROOT);
        Optional<Outliner> outliner = outliner(lang);
        if (outliner.isEmpty() || text.isBlank()) {
            return Optional.empty();
        }
        NumberedSource source = NumberedSource.of(text);
        Optional<List<LineEdit>> edits = outliner.get().edits(source.lines(), source.code(), terms);
        if (edits.isEmpty()) {
            return Optional.empty();
        }
        List<LineEdit> effective = LineEdits.effective(edits.get());
        int elidedLines = 0;
        int bodies = 0;
        for (LineEdit edit : effective) {
            if (edit.elidesCode()) {
                elidedLines += edit.elidedLines();
                bodies++;
            }
        }
        String rendered = source.render(LineEdits.apply(source.lines(), effective));
        return Optional.of(new CodeOutline(rendered, lang, elidedLines, bodies, source.lines().size()));
    }

    /** The language of a file name's extension ({@code "java"}, {@code "python"}, ...), or empty. */
    public static Optional<String> languageOfPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        String ext = p.substring(p.lastIndexOf('.') + 1);
        return switch (ext) {
            case "java" -> Optional.of("java");
            case "py", "pyi" -> Optional.of("python");
            case "go" -> Optional.of("go");
            case "rs" -> Optional.of("rust");
            case "js", "jsx", "mjs", "cjs" -> Optional.of("javascript");
            case "ts", "tsx", "mts", "cts" -> Optional.of("typescript");
            default -> Optional.empty();
        };
    }

    private static Optional<Outliner> outliner(String language) {
        if (language.equals("java")) {
            return Optional.of(new JavaOutliner());
        }
        if (language.equals("python")) {
            return Optional.of(new PythonOutliner());
        }
        return BraceLanguage.of(language).map(BraceOutliner::new);
    }
}
