package dev.headroom.compress.code;

/**
 * The outline of one source text.
 *
 * @param text          the outline, with read-tool line numbers kept when the source had them
 * @param language      the language it was outlined as
 * @param elidedLines   how many lines of function bodies it hides
 * @param elidedBodies  how many function bodies it elides
 * @param sourceLines   how many lines the source has
 */
public record CodeOutline(String text, String language, int elidedLines, int elidedBodies, int sourceLines) {

    /** A summary for a retention marker, such as {@code "412 of 530 lines elided in 23 function bodies"}. */
    public String summary() {
        return elidedLines + " of " + sourceLines + " lines elided in " + elidedBodies
                + (elidedBodies == 1 ? " function body" : " function bodies");
    }
}
