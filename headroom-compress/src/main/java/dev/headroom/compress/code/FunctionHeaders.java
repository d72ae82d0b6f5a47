package dev.headroom.compress.code;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides from a block's header (strings and comments blanked) whether the block is a function body, and
 * finds the function's name. Classes, impls, interfaces, object literals and control flow are not.
 */
final class FunctionHeaders {
    private static final int MAX_HEADER_CHARS = 1_000;
    private static final String PARAMS = "\\((?:[^()]|\\([^()]*\\))*\\)";
    private static final Pattern JS_FUNCTION = Pattern.compile(
            "\\bfunction\\b\\s*\\*?\\s*([\\w$]*)\\s*(?:<[^>]*>)?\\s*" + PARAMS + "\\s*(?::[^{};]*)?$");
    private static final Pattern JS_ARROW = Pattern.compile("=>\\s*$");
    private static final Pattern JS_ARROW_NAME = Pattern.compile("(?:^|[\\s(,])(#?[\\w$]+)\\s*(?::[^=]*)?[=:]\\s*(?:async\\b)?[^=]*=>\\s*$");
    private static final Pattern JS_METHOD = Pattern.compile(
            "(?:^|\\n)[ \\t]*(?:@[\\w.]+(?:" + PARAMS + ")?\\s*)*"
            + "(?:(?:public|private|protected|static|async|readonly|override|abstract|declare|get|set)\\s+)*"
            + "\\*?[ \\t]*(#?[\\w$]+)[ \\t]*(?:<[^>]*>)?[ \\t]*" + PARAMS + "\\s*(?::[^{};]*)?$");
    private static final Pattern JS_TEST_GROUP = Pattern.compile("^\\s*(?:describe|context|suite)(?:\\.\\w+)?\\s*\\(");
    private static final Set<String> JS_KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "with", "return",
            "function", "else", "do", "try", "finally", "typeof", "new", "await", "yield", "in", "of", "case");
    private static final Pattern GO_NAMED_FUNC = Pattern.compile("\\bfunc\\s+(?:\\([^)]*\\)\\s*)?(\\w+)\\s*(?:\\[[^\\]]*])?\\(");
    private static final Pattern GO_FUNC_LITERAL = Pattern.compile("\\bfunc\\s*\\(");
    private static final Pattern RUST_FN = Pattern.compile("\\bfn\\s+(\\w+)");

    private FunctionHeaders() {
    }

    /** The function's name ({@code ""} for an anonymous one), or empty when the block is not a function body. */
    static Optional<String> function(String header, BraceLanguage language) {
        String h = header.length() > MAX_HEADER_CHARS ? header.substring(header.length() - MAX_HEADER_CHARS) : header;
        return switch (language) {
            case GO -> match(GO_NAMED_FUNC, h).or(() -> GO_FUNC_LITERAL.matcher(h).find() ? Optional.of("") : Optional.empty());
            case RUST -> match(RUST_FN, h);
            case JAVASCRIPT -> javascript(h);
        };
    }

    /** Whether the header opens a test group ({@code describe(...)}) whose cases should be outlined instead. */
    static boolean testGroup(String header) {
        return JS_TEST_GROUP.matcher(header).find();
    }

    private static Optional<String> match(Pattern pattern, String header) {
        Matcher m = pattern.matcher(header);
        return m.find() ? Optional.of(m.group(1) == null ? "" : m.group(1)) : Optional.empty();
    }

    private static Optional<String> javascript(String header) {
        String h = header.stripTrailing();
        Matcher m = JS_FUNCTION.matcher(h);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        if (JS_ARROW.matcher(h).find()) {
            if (testGroup(h)) {
                return Optional.empty();
            }
            Matcher name = JS_ARROW_NAME.matcher(h);
            return Optional.of(name.find() ? name.group(1) : "");
        }
        m = JS_METHOD.matcher(h);
        if (m.find() && !JS_KEYWORDS.contains(m.group(1))) {
            return Optional.of(m.group(1));
        }
        return Optional.empty();
    }
}
