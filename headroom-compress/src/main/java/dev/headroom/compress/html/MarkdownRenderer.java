package dev.headroom.compress.html;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the content of an HTML element as markdown-ish text: {@code #} headings, paragraphs, bullet and
 * numbered lists, compact pipe tables, fenced code blocks kept verbatim, {@code term: definition} lines, and
 * links as their text (with the URL only when the text is the URL itself, or when asked to keep URLs).
 * Images, emphasis and presentational markup leave no trace.
 */
final class MarkdownRenderer {
    private static final Set<String> BLOCK_TAGS = Set.of("address", "article", "aside", "blockquote", "body",
            "caption", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
            "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main",
            "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
            "tr", "ul");
    private static final Set<String> CODE_TAGS = Set.of("code", "tt", "kbd", "samp");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u200b]+");
    private static final Pattern LANGUAGE = Pattern.compile("(?:^|\\s)(?:language|lang)-([\\w+#-]+)");
    private static final int INLINE_CODE_MAX = 100;
    /** Stands for a {@code <br>} while inline text is gathered; source line breaks are plain whitespace. */
    private static final char LINE_BREAK = '\u2028';

    private final MarkdownWriter writer = new MarkdownWriter();
    private final boolean keepUrls;

    private MarkdownRenderer(boolean keepUrls) {
        this.keepUrls = keepUrls;
    }

    /**
     * The markdown of {@code root}'s content.
     *
     * @param title    a heading to put first when the content has no {@code h1}, or empty
     * @param keepUrls whether links keep their URL
     */
    static String render(Element root, String title, boolean keepUrls) {
        MarkdownRenderer renderer = new MarkdownRenderer(keepUrls);
        if (!title.isBlank() && root.selectFirst("h1") == null) {
            renderer.writer.block(List.of("# " + collapse(title)));
        }
        renderer.blocks(root);
        return renderer.writer.text();
    }

    /** Renders the children of {@code element} as blocks, gathering inline runs into paragraphs. */
    void blocks(Element element) {
        blocks(element.childNodes());
    }

    private void blocks(List<Node> nodes) {
        StringBuilder inline = new StringBuilder();
        for (Node node : nodes) {
            if (node instanceof TextNode text) {
                inline.append(text.getWholeText());
            } else if (node instanceof Element e) {
                if (isBlock(e)) {
                    flush(inline);
                    block(e);
                } else {
                    inline(e, inline);
                }
            }
        }
        flush(inline);
    }

    private void block(Element e) {
        String tag = e.normalName();
        switch (tag) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> heading(e, tag.charAt(1) - '0');
            case "pre" -> code(e);
            case "ul", "ol", "menu" -> list(e);
            case "table" -> HtmlTables.render(e, this, writer);
            case "dl" -> definitions(e);
            case "blockquote" -> quote(e);
            case "hr" -> writer.separate();
            default -> blocks(e);
        }
    }

    private void heading(Element e, int level) {
        String text = inlineText(e);
        if (!text.isBlank()) {
            writer.block(List.of("#".repeat(level) + " " + text));
        }
    }

    private void code(Element pre) {
        String text = pre.wholeText().replace('\u00a0', ' ').replaceFirst("^(?:[ \\t]*\\r?\\n)+", "").stripTrailing();
        if (text.isBlank()) {
            return;
        }
        if (!text.contains("\n") && text.length() <= INLINE_CODE_MAX && !text.contains("`")) {
            writer.block(List.of("`" + text.strip() + "`"));
            return;
        }
        String fence = text.contains("```") ? "````" : "```";
        List<String> lines = new ArrayList<>();
        lines.add(fence + language(pre));
        lines.addAll(List.of(text.split("\r?\n", -1)));
        lines.add(fence);
        writer.block(lines);
    }

    private void list(Element list) {
        List<Element> items = list.children().stream().filter(c -> c.normalName().equals("li")).toList();
        boolean layout = items.stream().anyMatch(li -> li.selectFirst("h1, h2, h3, h4, h5, h6, table, hr, section") != null)
                || items.size() == 1 && items.get(0).children().stream().filter(MarkdownRenderer::isBlock).count() >= 2;
        if (layout) {
            for (Element li : items) {
                blocks(li);
            }
            return;
        }
        boolean ordered = list.normalName().equals("ol");
        int number = ordered ? parseStart(list.attr("start")) : 0;
        writer.separate();
        writer.enterTight();
        String saved = writer.indent();
        for (Element li : items) {
            String marker = ordered ? (number++) + ". " : "- ";
            writer.indent(saved + " ".repeat(marker.length()));
            writer.marker(marker);
            blocks(li);
            writer.marker(null);
        }
        writer.indent(saved);
        writer.exitTight();
        writer.separate();
    }

    private void definitions(Element dl) {
        String term = null;
        List<String> lines = new ArrayList<>();
        for (Element child : dl.children()) {
            String tag = child.normalName();
            if (tag.equals("dt")) {
                if (term != null) {
                    lines.add(term);
                }
                term = inlineText(child);
            } else if (tag.equals("dd")) {
                if (hasBlocks(child)) {
                    flushLines(lines, term);
                    term = null;
                    String saved = writer.indent();
                    writer.indent(saved + "  ");
                    writer.enterTight();
                    blocks(child);
                    writer.exitTight();
                    writer.indent(saved);
                    continue;
                }
                String text = inlineText(child);
                if (term == null) {
                    lines.add(text);
                } else {
                    lines.add(term.endsWith(":") ? term + " " + text : term + ": " + text);
                    term = null;
                }
            }
        }
        flushLines(lines, term);
    }

    private void flushLines(List<String> lines, String term) {
        if (term != null && !term.isBlank()) {
            lines.add(term);
        }
        for (String line : lines) {
            if (!line.isBlank()) {
                writer.block(List.of(line));
            }
        }
        lines.clear();
    }

    private void quote(Element e) {
        String saved = writer.indent();
        writer.indent(saved + "> ");
        blocks(e);
        writer.indent(saved);
    }

    /** The inline text of {@code element}, whitespace collapsed, line breaks kept. */
    String inlineText(Element element) {
        StringBuilder sb = new StringBuilder();
        for (Node node : element.childNodes()) {
            if (node instanceof TextNode text) {
                sb.append(text.getWholeText());
            } else if (node instanceof Element e) {
                inline(e, sb);
            }
        }
        List<String> lines = lines(sb);
        return String.join(" ", lines);
    }

    private void inline(Element e, StringBuilder sb) {
        String tag = e.normalName();
        if (CODE_TAGS.contains(tag)) {
            String code = collapse(e.wholeText());
            if (!code.isEmpty()) {
                sb.append(code.contains("`") ? "`` " + code + " ``" : "`" + code + "`");
            }
        } else if (tag.equals("br")) {
            sb.append(LINE_BREAK);
        } else if (tag.equals("a")) {
            sb.append(link(e));
        } else if (!tag.equals("img") && !tag.equals("wbr")) {
            boolean spaced = isBlock(e);
            sb.append(spaced ? " " : "");
            for (Node node : e.childNodes()) {
                if (node instanceof TextNode text) {
                    sb.append(text.getWholeText());
                } else if (node instanceof Element child) {
                    inline(child, sb);
                }
            }
            sb.append(spaced ? " " : "");
        }
    }

    private String link(Element a) {
        StringBuilder sb = new StringBuilder();
        for (Node node : a.childNodes()) {
            if (node instanceof TextNode text) {
                sb.append(text.getWholeText());
            } else if (node instanceof Element child) {
                inline(child, sb);
            }
        }
        String text = collapse(sb.toString());
        String href = a.attr("href").strip();
        if (text.isEmpty() || href.isEmpty() || href.startsWith("#") || href.startsWith("javascript:")) {
            return text;
        }
        if (keepUrls && !text.equals(href)) {
            return "[" + text + "](" + href + ")";
        }
        return text;
    }

    private void flush(StringBuilder inline) {
        if (inline.length() == 0) {
            return;
        }
        List<String> lines = lines(inline);
        inline.setLength(0);
        if (!lines.isEmpty()) {
            writer.paragraph(lines);
        }
    }

    private static List<String> lines(StringBuilder sb) {
        List<String> lines = new ArrayList<>();
        for (String part : sb.toString().split(String.valueOf(LINE_BREAK))) {
            String line = collapse(part);
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static boolean hasBlocks(Element e) {
        for (Element child : e.children()) {
            if (isBlock(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlock(Element e) {
        return BLOCK_TAGS.contains(e.normalName());
    }

    private static String language(Element pre) {
        Element code = pre.selectFirst("> code");
        for (Element e : code == null ? List.of(pre) : List.of(code, pre)) {
            String lang = e.attr("data-lang");
            if (!lang.isBlank()) {
                return lang.strip().toLowerCase(Locale.ROOT);
            }
            Matcher m = LANGUAGE.matcher(e.className());
            if (m.find()) {
                return m.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static int parseStart(String start) {
        try {
            return start.isBlank() ? 1 : Integer.parseInt(start.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String collapse(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }
}
