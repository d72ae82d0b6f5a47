package dev.headroom.compress.search;

import java.util.List;

/**
 * The hits of one file chosen for display.
 *
 * @param path the file path as printed
 * @param all  every hit of the file, in output order
 * @param kept the hits to show, in output order
 */
record FileHits(String path, List<SearchHit> all, List<SearchHit> kept) {

    int droppedMatches() {
        return count(all) - count(kept);
    }

    int droppedContext() {
        return all.size() - kept.size() - droppedMatches();
    }

    int matchCount() {
        return count(all);
    }

    private static int count(List<SearchHit> hits) {
        int n = 0;
        for (SearchHit hit : hits) {
            if (hit.match()) {
                n++;
            }
        }
        return n;
    }
}
