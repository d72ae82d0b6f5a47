package dev.headroom.compress.prose;

import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lossy clean-up of inline markup outside code spans: images and presentational HTML tags go, HTML links
 * and code become their markdown form, bold markers go, runs of spaces become one. Text, numbers,
 * identifiers, paths and URLs stay as they are.
 */
final class InlineMarkup {
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern IMG = Pattern.compile("(?i)<img\\b[^>]*>");
    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern HTML_CODE = Pattern.compile("(?is)<code>(.*?)</code>");
    private static final Pattern HTML_LINK = Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)</a>");
    private static final Pattern HEADING = Pattern.compile("(?is)<h([1-6])\\b[^>]*>(.*?)</h\\1>");
    private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9]*)\\b[^<>]*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*");
    private static final Pattern EMPTY_LINK_LEAD = Pattern.compile("\\[\\s+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Set<String> HTML_TAGS = Set.of("a", "abbr", "b", "big", "blockquote", "br", "center",
            "cite", "code", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4",
            "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp",
            "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
            "td", "th", "thead", "tr", "tt", "u", "ul", "var", "video", "article", "aside", "figure",
            "figcaption", "header", "footer", "nav", "main");

    private InlineMarkup() {
    }

    /** The text with inline markup simplified; code spans are left exactly as they are. */
    static String simplify(String text) {
        if (text.indexOf('<') < 0 && text.indexOf('*') < 0 && text.indexOf('_') < 0 && text.indexOf("  ") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher code = CODE_SPAN.matcher(text);
        int last = 0;
        while (code.find()) {
            out.append(simplifyProse(text.substring(last, code.start()))).append(code.group());
            last = code.end();
        }
        out.append(simplifyProse(text.substring(last)));
        return out.toString();
    }

    /**
     * Lines of markdown for a block of raw HTML: headings become {@code #} lines, everything else its text
     * with links and code in markdown form. Only real HTML tags are removed, so placeholders such as
     * {@code <API_KEY>} survive.
     */
    static List<String> htmlBlockLines(String html) {
        String text = COMMENT.matcher(html).replaceAll("");
        Matcher h = HEADING.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (h.find()) {
            sb.append(text, last, h.start()).append("\n").append("#".repeat(h.group(1).charAt(0) - '0'))
                    .append(' ').append(stripTags(h.group(2)).strip()).append("\n");
            last = h.end();
        }
        sb.append(text.substring(last));
        text = sb.toString().replaceAll("(?i)</?(?:p|div|details|summary|li|tr|ul|ol|table|section|center)\\b[^>]*>", "\n");
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String clean = simplify(line).strip();
            if (!clean.isEmpty() && !clean.chars().allMatch(ch -> ch == '|' || ch == ' ')) {
                lines.add(clean);
            }
        }
        return lines;
    }

    private static String simplifyProse(String text) {
        String s = IMG.matcher(text).replaceAll("");
        s = BR.matcher(s).replaceAll(" ");
        s = HTML_CODE.matcher(s).replaceAll(m -> Matcher.quoteReplacement("`" + m.group(1).strip() + "`"));
        s = HTML_LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(link(m.group(1), stripTags(m.group(2)))));
        s = stripTags(s);
        s = BOLD.matcher(s).replaceAll("$1");
        s = EMPTY_LINK_LEAD.matcher(s).replaceAll("[");
        return SPACES.matcher(s).replaceAll(" ");
    }

    private static String link(String href, String label) {
        String text = label.strip();
        if (href.startsWith("http://") || href.startsWith("https://")) {
            return text.isEmpty() || text.equals(href) ? href : "[" + text + "](" + href + ")";
        }
        return text;
    }

    private static String stripTags(String text) {
        Matcher m = TAG.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (HTML_TAGS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                sb.append(text, last, m.start());
                last = m.end();
            }
        }
        sb.append(text.substring(last));
        String s = sb.toString();
        return s.indexOf('&') >= 0 ? Parser.unescapeEntities(s, false) : s;
    }
}
