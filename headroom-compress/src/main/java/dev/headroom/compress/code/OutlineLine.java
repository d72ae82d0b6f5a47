package dev.headroom.compress.code;

/**
 * One line of an outline.
 *
 * @param source the 0-based index of the source line it stands for (its line number, when numbered)
 * @param text   the text to show
 */
record OutlineLine(int source, String text) {
}
