package dev.headroom.compress.code;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.comments.JavadocComment;
import com.github.javaparser.ast.comments.LineComment;
import com.github.javaparser.ast.stmt.BlockStmt;
import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java outline, from a JavaParser syntax tree: package, imports as one compact line, type declarations,
 * fields, annotations and signatures as written; method, constructor and initializer bodies elided as
 * {@code { … 23 lines }}; Javadoc and long comments cut to their first sentence. Methods the query names keep
 * their body and Javadoc. Source that JavaParser rejects gives no outline.
 */
final class JavaOutliner implements Outliner {
    private static final int MIN_BODY_LINES = 2;
    private static final int MIN_COMMENT_LINES = 3;
    private static final int MIN_IMPORTS = 3;

    @Override
    public Optional<List<LineEdit>> edits(List<String> lines, String code, QueryTerms terms) {
        if (code.replace("\r\n", "\n").indexOf('\r') >= 0) {
            return Optional.empty();
        }
        ParseResult<CompilationUnit> result = new JavaParser(configuration()).parse(code);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return Optional.empty();
        }
        CompilationUnit unit = result.getResult().get();
        List<Comment> comments = new ArrayList<>();
        result.getCommentsCollection().ifPresent(c -> comments.addAll(c.getComments()));
        comments.removeIf(c -> c.getRange().isEmpty());
        comments.sort(Comparator.comparingInt(c -> c.getRange().get().begin.line));
        List<int[]> keptWhole = new ArrayList<>();
        for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
            if (terms.names(method.getNameAsString())) {
                keep(method, comments, keptWhole);
            }
        }
        List<LineEdit> edits = new ArrayList<>();
        imports(unit, lines).ifPresent(edits::add);
        for (Node node : unit.findAll(Node.class, n -> n instanceof MethodDeclaration || n instanceof ConstructorDeclaration
                || n instanceof CompactConstructorDeclaration || n instanceof InitializerDeclaration)) {
            body(node).flatMap(b -> elide(b, lines, keptWhole)).ifPresent(edits::add);
        }
        comments(comments, lines, keptWhole, edits);
        return Optional.of(edits);
    }

    /**
     * Syntax only (no validators: faster, and Java of any version parses) and no comment attribution (comments
     * come from the comment collection), which more than halves the parse time.
     */
    private static ParserConfiguration configuration() {
        return new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
                .setAttributeComments(false);
    }

    /** Keeps a method whole, with the comment that ends on the line before it (its Javadoc). */
    private static void keep(Node method, List<Comment> comments, List<int[]> keptWhole) {
        if (method.getRange().isEmpty()) {
            return;
        }
        int first = method.getRange().get().begin.line - 1;
        int last = method.getRange().get().end.line - 1;
        for (Comment comment : comments) {
            Range r = comment.getRange().get();
            if (r.end.line - 1 == first - 1) {
                first = r.begin.line - 1;
            }
        }
        keptWhole.add(new int[] {first, last});
    }

    private static Optional<BlockStmt> body(Node node) {
        if (node instanceof MethodDeclaration m) {
            return m.getBody();
        }
        if (node instanceof ConstructorDeclaration c) {
            return Optional.of(c.getBody());
        }
        if (node instanceof CompactConstructorDeclaration c) {
            return Optional.of(c.getBody());
        }
        return Optional.of(((InitializerDeclaration) node).getBody());
    }

    private static Optional<LineEdit> elide(BlockStmt body, List<String> lines, List<int[]> keptWhole) {
        Optional<Range> range = body.getRange();
        if (range.isEmpty()) {
            return Optional.empty();
        }
        Position begin = range.get().begin;
        Position end = range.get().end;
        int first = begin.line - 1;
        int last = end.line - 1;
        int inner = last - first - 1;
        if (inner < MIN_BODY_LINES || LineEdits.inside(first, keptWhole) || !at(lines, begin, '{') || !at(lines, end, '}')) {
            return Optional.empty();
        }
        String line = lines.get(first).substring(0, begin.column - 1) + "{ … " + inner + " lines }"
                + lines.get(last).substring(end.column);
        return Optional.of(LineEdit.body(first, last, line, inner));
    }

    private static boolean at(List<String> lines, Position p, char expected) {
        int line = p.line - 1;
        return line >= 0 && line < lines.size() && p.column >= 1 && p.column <= lines.get(line).length()
                && lines.get(line).charAt(p.column - 1) == expected;
    }

    /** The imports as one line, {@code // 12 imports: java.util.{List, Map}, static org.x.Y.z}. */
    private static Optional<LineEdit> imports(CompilationUnit unit, List<String> lines) {
        List<ImportDeclaration> imports = unit.getImports();
        if (imports.size() < MIN_IMPORTS || imports.get(0).getRange().isEmpty()
                || imports.get(imports.size() - 1).getRange().isEmpty()) {
            return Optional.empty();
        }
        int first = imports.get(0).getRange().get().begin.line - 1;
        int last = imports.get(imports.size() - 1).getRange().get().end.line - 1;
        for (int i = first; i <= last; i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("import ")) {
                return Optional.empty();
            }
        }
        Map<String, List<String>> byPackage = new LinkedHashMap<>();
        for (ImportDeclaration d : imports) {
            String name = d.getNameAsString();
            String pkg = d.isAsterisk() ? name : name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
            String simple = d.isAsterisk() ? "*" : name.substring(name.lastIndexOf('.') + 1);
            byPackage.computeIfAbsent((d.isStatic() ? "static " : "") + pkg, k -> new ArrayList<>()).add(simple);
        }
        StringBuilder sb = new StringBuilder("// ").append(imports.size()).append(" imports: ");
        boolean firstGroup = true;
        for (Map.Entry<String, List<String>> e : byPackage.entrySet()) {
            sb.append(firstGroup ? "" : ", ").append(e.getKey()).append(e.getKey().endsWith(" ") || e.getKey().isEmpty() ? "" : ".");
            List<String> names = e.getValue();
            sb.append(names.size() == 1 ? names.get(0) : "{" + String.join(", ", names) + "}");
            firstGroup = false;
        }
        return Optional.of(LineEdit.comment(first, last, sb.toString()));
    }

    private static void comments(List<Comment> all, List<String> lines, List<int[]> keptWhole, List<LineEdit> edits) {
        List<Comment> run = new ArrayList<>();
        for (Comment comment : all) {
            Range r = comment.getRange().get();
            if (!ownsLines(lines, r) || LineEdits.inside(r.begin.line - 1, keptWhole)) {
                flushLineComments(run, lines, edits);
                continue;
            }
            if (comment instanceof LineComment) {
                if (!run.isEmpty() && run.get(run.size() - 1).getRange().get().begin.line + 1 != r.begin.line) {
                    flushLineComments(run, lines, edits);
                }
                run.add(comment);
                continue;
            }
            flushLineComments(run, lines, edits);
            int first = r.begin.line - 1;
            int last = r.end.line - 1;
            if (last - first + 1 >= MIN_COMMENT_LINES) {
                boolean javadoc = comment instanceof JavadocComment;
                edits.add(DocComments.collapse(lines, first, last, javadoc ? "/** " : "/* ", " */"));
            }
        }
        flushLineComments(run, lines, edits);
    }

    private static void flushLineComments(List<Comment> run, List<String> lines, List<LineEdit> edits) {
        if (run.size() >= MIN_COMMENT_LINES) {
            int first = run.get(0).getRange().get().begin.line - 1;
            int last = run.get(run.size() - 1).getRange().get().begin.line - 1;
            edits.add(DocComments.collapse(lines, first, last, "// ", ""));
        }
        run.clear();
    }

    /** Whether the comment is alone on its lines (only whitespace before its start and after its end). */
    private static boolean ownsLines(List<String> lines, Range r) {
        int first = r.begin.line - 1;
        int last = r.end.line - 1;
        if (first < 0 || last >= lines.size() || r.begin.column < 1) {
            return false;
        }
        String before = lines.get(first).substring(0, Math.min(r.begin.column - 1, lines.get(first).length()));
        String endLine = lines.get(last);
        String after = r.end.column >= endLine.length() ? "" : endLine.substring(r.end.column);
        return before.isBlank() && after.isBlank();
    }
}
