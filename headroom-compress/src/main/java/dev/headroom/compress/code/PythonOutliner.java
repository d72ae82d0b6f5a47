package dev.headroom.compress.code;

import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python outline by indentation: imports, classes, decorators, assignments and {@code def} signatures as
 * written; each function body becomes its docstring's first sentence and {@code ...  # 23 lines}, which is
 * still valid Python. Long docstrings and comment blocks outside bodies are cut to their first sentence.
 * Functions the query names are kept whole. Source with an open string or bracket gives no outline.
 */
final class PythonOutliner implements Outliner {
    private static final int MIN_BODY_LINES = 2;
    private static final int MIN_COMMENT_LINES = 3;
    private static final Pattern DEF = Pattern.compile("^\\s*(?:async\\s+)?def\\s+(\\w+)");
    private static final Pattern DOCSTRING = Pattern.compile("^\\s*[rRuU]?(\"\"\"|''')[\\s\\S]*\\1\\s*$");

    @Override
    public Optional<List<LineEdit>> edits(List<String> lines, String code, QueryTerms terms) {
        Optional<PythonStatements.Parsed> parsed = PythonStatements.parse(code, lines.size());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        List<PythonStatements.Statement> statements = parsed.get().statements();
        List<LineEdit> edits = new ArrayList<>();
        List<int[]> keptWhole = new ArrayList<>();
        int skipUntil = -1;
        for (int s = 0; s < statements.size(); s++) {
            PythonStatements.Statement def = statements.get(s);
            if (def.first() <= skipUntil) {
                continue;
            }
            Matcher m = DEF.matcher(lines.get(def.first()));
            if (!m.find()) {
                if (isDocstring(lines, def) && def.last() - def.first() + 1 >= MIN_COMMENT_LINES) {
                    edits.add(docstring(lines, def));
                }
                continue;
            }
            int end = s + 1;
            while (end < statements.size() && statements.get(end).indent() > def.indent()) {
                end++;
            }
            if (end == s + 1 || statements.get(s + 1).first() <= def.last()) {
                continue;
            }
            int bodyLast = statements.get(end - 1).last();
            skipUntil = bodyLast;
            if (terms.names(m.group(1))) {
                keptWhole.add(new int[] {def.first(), bodyLast});
                continue;
            }
            elideBody(lines, statements.get(s + 1), def.last() + 1, bodyLast, edits);
        }
        comments(parsed.get().commentLines(), lines, keptWhole, edits);
        return Optional.of(edits);
    }

    private static void elideBody(List<String> lines, PythonStatements.Statement firstStatement, int bodyFirst,
                                  int bodyLast, List<LineEdit> edits) {
        String bodyIndent = DocComments.indentOf(lines.get(firstStatement.first()));
        int codeFirst = bodyFirst;
        LineEdit doc = null;
        if (isDocstring(lines, firstStatement)) {
            doc = firstStatement.first() == firstStatement.last() ? null : docstring(lines, firstStatement);
            codeFirst = firstStatement.last() + 1;
        }
        int hidden = bodyLast - codeFirst + 1;
        if (hidden < MIN_BODY_LINES) {
            return;
        }
        if (doc != null) {
            edits.add(doc);
        }
        edits.add(LineEdit.body(codeFirst, bodyLast, bodyIndent + "...  # " + hidden + " lines", hidden));
    }

    private static boolean isDocstring(List<String> lines, PythonStatements.Statement statement) {
        StringBuilder sb = new StringBuilder();
        for (int i = statement.first(); i <= statement.last(); i++) {
            sb.append(lines.get(i)).append('\n');
        }
        return DOCSTRING.matcher(sb).matches();
    }

    private static LineEdit docstring(List<String> lines, PythonStatements.Statement statement) {
        String first = lines.get(statement.first()).strip();
        String quote = first.contains("'''") && (!first.contains("\"\"\"") || first.indexOf("'''") < first.indexOf("\"\"\""))
                ? "'''" : "\"\"\"";
        return DocComments.collapse(lines, statement.first(), statement.last(), quote, quote);
    }

    private static void comments(boolean[] commentLines, List<String> lines, List<int[]> keptWhole, List<LineEdit> edits) {
        int runFirst = -1;
        for (int i = 0; i <= commentLines.length; i++) {
            boolean comment = i < commentLines.length && commentLines[i] && !lines.get(i).strip().startsWith("#!")
                    && !LineEdits.inside(i, keptWhole);
            if (comment && runFirst < 0) {
                runFirst = i;
            } else if (!comment && runFirst >= 0) {
                if (i - runFirst >= MIN_COMMENT_LINES) {
                    edits.add(DocComments.collapse(lines, runFirst, i - 1, "# ", ""));
                }
                runFirst = -1;
            }
        }
    }
}
