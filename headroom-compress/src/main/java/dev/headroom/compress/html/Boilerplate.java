package dev.headroom.compress.html;

import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what is not a page's content: scripts, styles, forms, embedded media, navigation, page
 * header and footer, sidebars, tables of contents, cookie and share bars, hidden elements and comments.
 * Elements are recognised by tag, ARIA role, and the words of their class and id (split at dashes,
 * underscores and camel-case humps, so {@code topNav} and {@code site-footer} match but
 * {@code sidebarblock} does not); headings and titled sections are never matched by name, and an element
 * matched only by name that holds most of the page's text stays.
 */
final class Boilerplate {
    private static final Set<String> DROP_TAGS = Set.of("script", "style", "noscript", "template", "iframe",
            "object", "embed", "svg", "canvas", "form", "button", "input", "select", "textarea", "nav", "aside",
            "footer", "link", "meta", "audio", "video", "map", "dialog");
    private static final Set<String> DROP_ROLES = Set.of("navigation", "banner", "contentinfo", "complementary",
            "search", "menu", "menubar", "toolbar", "dialog", "alertdialog");
    private static final Set<String> DROP_WORDS = Set.of("nav", "navbar", "navigation", "menu", "breadcrumb",
            "breadcrumbs", "toc", "toctitle", "tocbot", "sidebar", "footer", "skip", "cookie", "cookies", "banner",
            "share", "social", "advert", "ads", "popup", "modal", "hidden", "hide", "invisible");
    private static final Pattern WORD_SPLIT = Pattern.compile("[-_.\\s]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> HIDDEN_CLASSES = Set.of("sr-only", "visually-hidden", "screen-reader-text");
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
    private static final double MAX_SHARE_OF_TEXT = 0.5;
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    private Boilerplate() {
    }

    /** Removes boilerplate below {@code root} (never {@code root} itself). */
    static void strip(Element root) {
        List<Node> comments = new ArrayList<>();
        List<Element> drop = new ArrayList<>();
        collect(root, drop, comments);
        comments.forEach(Node::remove);
        int total = Math.max(1, root.text().length());
        for (Element e : drop) {
            if (!isNamedBoilerplate(e) || e.text().length() <= total * MAX_SHARE_OF_TEXT) {
                e.remove();
            }
        }
    }

    private static void collect(Element element, List<Element> drop, List<Node> comments) {
        for (Node child : element.childNodes()) {
            if (child instanceof Comment) {
                comments.add(child);
            } else if (child instanceof Element e) {
                if (isBoilerplate(e)) {
                    drop.add(e);
                } else {
                    collect(e, drop, comments);
                }
            }
        }
    }

    /** Whether only the element's class or id words make it boilerplate (then size can overrule them). */
    private static boolean isNamedBoilerplate(Element e) {
        return !DROP_TAGS.contains(e.normalName()) && !e.normalName().equals("header") && !isHidden(e)
                && !DROP_ROLES.contains(e.attr("role").toLowerCase(Locale.ROOT));
    }

    private static boolean isHidden(Element e) {
        if (e.attributesSize() == 0) {
            return false;
        }
        String style = e.attr("style");
        return e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden"))
                || !style.isEmpty() && HIDDEN_STYLE.matcher(style).find();
    }

    static boolean isBoilerplate(Element e) {
        String tag = e.normalName();
        if (DROP_TAGS.contains(tag)) {
            return true;
        }
        if (isHidden(e)) {
            return true;
        }
        String role = e.attr("role").toLowerCase(Locale.ROOT);
        if (DROP_ROLES.contains(role)) {
            return !(role.equals("banner") && e.selectFirst("h1") != null);
        }
        if (tag.equals("header")) {
            return e.selectFirst("h1") == null;
        }
        if (HEADINGS.contains(tag) || tag.equals("section") || tag.equals("article") || startsWithHeading(e)) {
            return false; // ids of titled sections come from their titles ("Header and Footer")
        }
        return hasDropWord(e.className()) || hasDropWord(e.id());
    }

    private static boolean startsWithHeading(Element e) {
        Element first = e.firstElementChild();
        return first != null && HEADINGS.contains(first.normalName());
    }

    private static boolean hasDropWord(String names) {
        if (names.isEmpty()) {
            return false;
        }
        for (String name : WHITESPACE.split(names)) {
            if (HIDDEN_CLASSES.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        for (String word : WORD_SPLIT.split(names)) {
            int end = word.length();
            while (end > 0 && Character.isDigit(word.charAt(end - 1))) {
                end--;
            }
            if (DROP_WORDS.contains(word.substring(0, end).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
