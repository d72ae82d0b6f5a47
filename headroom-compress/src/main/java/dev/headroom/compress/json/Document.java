package dev.headroom.compress.json;

/**
 * One parsed tool output: a single JSON value, or JSON lines (then {@code root} is an array whose items are
 * the line objects, and {@link Json.Str} items stand for lines that are not JSON, kept verbatim).
 */
record Document(Json root, boolean lines) {
}
