package dev.headroom.compress.html;

import dev.headroom.compress.prose.ProseReducer;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reduces an HTML page to its main content as markdown-ish text (jsoup): headings, paragraphs, lists,
 * tables, code blocks and links' text stay; navigation, page header and footer, scripts, styles, sidebars,
 * tables of contents, hidden elements and repeated paragraphs go. When the text is still large, Kompress
 * ({@link ProseReducer}) keeps its most informative sentences. The original HTML is retained behind one
 * marker. Extraction is lossy, so lossless mode, or a context that cannot retain, is declined.
 */
public final class HtmlCompressor implements Compressor {
    /** Extracted text above this many tokens also goes through prose reduction. */
    static final int PROSE_REDUCTION_MIN_TOKENS = 300;
    /**
     * The share of the extracted prose kept when no target ratio is given: lower than for markdown, as
     * pages repeat themselves (summaries and details, captions and text).
     */
    static final double DEFAULT_PROSE_RATIO = 0.3;
    private static final Pattern ASKS_FOR_LINKS = Pattern.compile(
            "(?i)\\b(?:links?|urls?|hrefs?|hyperlinks?|website|web ?pages?|https?)\\b");

    @Override
    public String name() {
        return "html";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.HTML);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            return compressHtml(unit.text(), context);
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("failed: " + e.getClass().getSimpleName());
        }
    }

    private CompressorResult compressHtml(String html, CompressionContext context) {
        if (html.isBlank()) {
            return CompressorResult.declined("blank text");
        }
        if (context.lossless() || !context.canRetain()) {
            return CompressorResult.declined("HTML extraction is lossy");
        }
        Document document = Jsoup.parse(html);
        Boilerplate.strip(document.body());
        Element main = MainContent.select(document);
        boolean keepUrls = ASKS_FOR_LINKS.matcher(context.query()).find();
        String text = MarkdownRenderer.render(main, document.title(), keepUrls);
        if (text.isBlank()) {
            return CompressorResult.declined("no main content");
        }
        String transform = "html:extract";
        String summary = "HTML reduced to its main text";
        if (context.tokens().count(text) > PROSE_REDUCTION_MIN_TOKENS) {
            ProseReducer.Result reduced = ProseReducer.reduce(text,
                    new ProseReducer.Options(context.query(), context.targetRatio(), DEFAULT_PROSE_RATIO,
                            context.tokens(), true));
            if (reduced.lossy() && !reduced.text().isBlank()) {
                text = reduced.text();
                transform = "html:extract+kompress";
                summary = summary + "; " + reduced.summary();
            }
        }
        String marker = context.retain(html, summary);
        return CompressorResult.of(text + "\n" + marker, transform);
    }
}
