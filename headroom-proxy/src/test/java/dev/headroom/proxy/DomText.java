package dev.headroom.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/** Reads the dashboard's values out of a DOM that Chromium serialised (elements with {@code data-value}). */
final class DomText {
    private final String dom;

    DomText(String dom) {
        this.dom = dom;
    }

    private Matcher element(String id) {
        Matcher m = Pattern.compile("<(\\w+)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(dom);
        if (!m.find()) {
            fail("no element #" + id + " in the page:\n" + dom);
        }
        return m;
    }

    /** The {@code data-value} of the element with {@code id}, or null when it has none. */
    String value(String id) {
        Matcher m = Pattern.compile("data-value=\"([^\"]*)\"").matcher(element(id).group());
        return m.find() ? m.group(1) : null;
    }

    /** The text of the element with {@code id} (no nested elements expected). */
    String text(String id) {
        Matcher m = element(id);
        int end = dom.indexOf('<', m.end());
        return dom.substring(m.end(), end);
    }

    /** The attribute {@code name} of the element with {@code id}. */
    String attribute(String id, String name) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(element(id).group());
        return m.find() ? m.group(1) : null;
    }

    /** The cells' texts of the table row marked {@code data-<key>="<name>"}, or an empty list when absent. */
    List<String> row(String key, String name) {
        Matcher tr = Pattern.compile("<tr data-" + key + "=\"" + Pattern.quote(name) + "\">(.*?)</tr>", Pattern.DOTALL).matcher(dom);
        List<String> cells = new ArrayList<>();
        if (tr.find()) {
            Matcher td = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(tr.group(1));
            while (td.find()) {
                cells.add(td.group(1).replace("&amp;", "&"));
            }
        }
        return cells;
    }

    /** How many rows the body of table {@code id} has that carry {@code data-<key>}. */
    int rows(String tableId, String key) {
        int start = element(tableId).end();
        int end = dom.indexOf("</table>", start);
        Matcher m = Pattern.compile("<tr data-" + key + "=").matcher(dom.substring(start, end));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
