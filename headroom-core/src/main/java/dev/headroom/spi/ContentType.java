package dev.headroom.spi;

/**
 * What kind of text a content unit holds, as decided by content detection.
 *
 * <p>Compressors declare the types they handle ({@link Compressor#contentTypes()}); the pipeline offers a
 * unit only to compressors that declare its type.
 */
public enum ContentType {
    /** A JSON document (object or array) or JSON lines. */
    JSON,
    /** Application or service log lines. */
    LOG,
    /** Build and test runner output (Maven, Gradle, pytest, cargo, npm, make, MSBuild, CMake, ...). */
    BUILD_OUTPUT,
    /** {@code path:line:} search results such as grep or ripgrep output. */
    SEARCH_RESULTS,
    /** A unified diff. */
    DIFF,
    /** An HTML document or fragment. */
    HTML,
    /** An XML document (including JUnit reports). */
    XML,
    /** Comma- or tab-separated tables. */
    CSV,
    /** Source code; {@link ContentUnit#language()} names the language when known. */
    SOURCE_CODE,
    /** Natural-language prose or markdown. */
    PROSE,
    /** Text that matched no other type. */
    TEXT
}
