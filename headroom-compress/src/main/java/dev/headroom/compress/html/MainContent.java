package dev.headroom.compress.html;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.util.List;

/**
 * Picks the element that holds a page's main content: the first of {@code main}, {@code [role=main]}, a
 * single {@code article}, {@code #content}, {@code #main} and similar that holds a fair share of the page's
 * text; otherwise the body.
 */
final class MainContent {
    private static final List<String> CANDIDATES = List.of("main", "[role=main]", "article", "#content",
            "#main-content", "#main", ".main-content", "#primary", ".post-content", ".entry-content",
            ".markdown-body", ".document", ".content");
    private static final double MIN_SHARE = 0.3;

    private MainContent() {
    }

    static Element select(Document document) {
        Element body = document.body();
        int total = Math.max(1, body.text().length());
        for (String query : CANDIDATES) {
            Elements found = body.select(query);
            if (found.size() != 1) {
                continue;
            }
            Element candidate = found.first();
            if (candidate != body && candidate.text().length() >= total * MIN_SHARE) {
                return candidate;
            }
        }
        return body;
    }
}
