package dev.headroom.compress.code;

import java.util.Optional;

/** The brace-delimited languages outlined by syntax alone: their strings, comments and function headers. */
enum BraceLanguage {
    GO, RUST, JAVASCRIPT;

    /** The language for a detected language name, such as {@code "typescript"}. */
    static Optional<BraceLanguage> of(String name) {
        return switch (name) {
            case "go" -> Optional.of(GO);
            case "rust" -> Optional.of(RUST);
            case "javascript", "typescript", "js", "ts", "jsx", "tsx" -> Optional.of(JAVASCRIPT);
            default -> Optional.empty();
        };
    }

    /** Whether a newline outside brackets ends a statement (Go inserts semicolons there). */
    boolean newlineEndsStatement() {
        return this == GO;
    }
}
