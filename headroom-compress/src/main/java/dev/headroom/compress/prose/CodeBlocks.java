package dev.headroom.compress.prose;

import java.util.ArrayList;
import java.util.List;

/** Shortens a long fenced code block by eliding the middle of its body; the fences and both ends stay verbatim. */
final class CodeBlocks {
    static final int MAX_BODY_LINES = 24;
    static final int HEAD_LINES = 10;
    static final int TAIL_LINES = 5;

    private CodeBlocks() {
    }

    /** How many lines {@link #elide} leaves out of {@code block} (fence lines included in the block). */
    static int elidable(List<String> block) {
        int body = bodyLines(block);
        return body > MAX_BODY_LINES ? body - HEAD_LINES - TAIL_LINES : 0;
    }

    static List<String> elide(List<String> block) {
        int omitted = elidable(block);
        if (omitted == 0) {
            return block;
        }
        boolean closed = block.size() >= 2 && isClosed(block);
        int bodyEnd = closed ? block.size() - 1 : block.size();
        List<String> out = new ArrayList<>(block.subList(0, 1 + HEAD_LINES));
        out.add("… " + omitted + " lines elided …");
        out.addAll(block.subList(bodyEnd - TAIL_LINES, block.size()));
        return out;
    }

    private static int bodyLines(List<String> block) {
        return block.size() - (isClosed(block) ? 2 : 1);
    }

    private static boolean isClosed(List<String> block) {
        if (block.size() < 2) {
            return false;
        }
        var fence = dev.headroom.compress.text.Fence.open(block.get(0));
        return fence != null && fence.closes(block.get(block.size() - 1));
    }
}
