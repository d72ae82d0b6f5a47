package dev.headroom.spi;

import java.util.Objects;

/**
 * One piece of content offered to a {@link Compressor}: the text of a tool result plus what is known
 * about it.
 *
 * @param text      the text to compress; never null
 * @param type      the detected content type; never null
 * @param language  the source language for {@link ContentType#SOURCE_CODE} (lower case, such as
 *                  {@code "java"} or {@code "python"}), otherwise an empty string
 * @param toolName  the name of the tool that produced the text, or an empty string when unknown
 */
public record ContentUnit(String text, ContentType type, String language, String toolName) {
    public ContentUnit {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        language = language == null ? "" : language;
        toolName = toolName == null ? "" : toolName;
    }

    /** A unit with no language or tool name. */
    public static ContentUnit of(String text, ContentType type) {
        return new ContentUnit(text, type, "", "");
    }
}
