package dev.headroom.compress.html;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders an HTML table: a data table as a compact pipe table, a layout table (one row, or cells holding
 * blocks such as lists, code or nested tables) as its cells' content, one after the other.
 */
final class HtmlTables {
    private HtmlTables() {
    }

    static void render(Element table, MarkdownRenderer renderer, MarkdownWriter writer) {
        List<Element> rows = rows(table);
        if (rows.isEmpty()) {
            return;
        }
        Element caption = table.selectFirst("> caption");
        if (isLayout(rows)) {
            for (Element row : rows) {
                for (Element cell : row.children()) {
                    if (cell.hasClass("icon")) {
                        Element titled = cell.selectFirst("[title]");
                        if (titled != null && !titled.attr("title").isBlank()) {
                            writer.marker(titled.attr("title").strip() + ": ");
                        }
                    } else {
                        renderer.blocks(cell);
                    }
                }
            }
            return;
        }
        List<String> lines = new ArrayList<>();
        if (caption != null && !caption.text().isBlank()) {
            lines.add(renderer.inlineText(caption));
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = new ArrayList<>();
            for (Element cell : rows.get(r).children()) {
                if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
                    cells.add(plainCode(renderer.inlineText(cell)).replace("|", "\\|"));
                }
            }
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            lines.add(row(cells));
            if (r == 0) {
                lines.add(separator(cells.size()));
            }
        }
        writer.block(lines);
    }

    /** A cell that is one code span needs no backticks: the column says what it holds. */
    private static String plainCode(String cell) {
        if (cell.length() > 2 && cell.startsWith("`") && cell.endsWith("`") && cell.indexOf('`', 1) == cell.length() - 1) {
            return cell.substring(1, cell.length() - 1);
        }
        return cell;
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String separator(int columns) {
        return "|" + "---|".repeat(Math.max(1, columns));
    }

    private static List<Element> rows(Element table) {
        List<Element> rows = new ArrayList<>();
        for (Element child : table.children()) {
            String tag = child.normalName();
            if (tag.equals("tr")) {
                rows.add(child);
            } else if (tag.equals("thead") || tag.equals("tbody") || tag.equals("tfoot")) {
                for (Element row : child.children()) {
                    if (row.normalName().equals("tr")) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private static boolean isLayout(List<Element> rows) {
        if (rows.size() < 2) {
            return true;
        }
        for (Element row : rows) {
            for (Element cell : row.children()) {
                if (cell.selectFirst("pre, table, ul, ol, dl, blockquote, h1, h2, h3, h4, h5, h6") != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
