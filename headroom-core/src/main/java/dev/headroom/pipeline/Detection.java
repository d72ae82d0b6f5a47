package dev.headroom.pipeline;

import dev.headroom.spi.ContentType;

/**
 * The result of content detection.
 *
 * @param type     the content type
 * @param language the source language for code (lower case), else an empty string
 */
public record Detection(ContentType type, String language) {
    public Detection {
        language = language == null ? "" : language;
    }

    public static Detection of(ContentType type) {
        return new Detection(type, "");
    }
}
