package dev.headroom.compress.build;

import dev.headroom.compress.log.LinePattern;

import java.util.regex.Pattern;

/** The line patterns of common build and test tools. */
final class BuildPatterns {
    private BuildPatterns() {
    }

    /** The include chain and function context that gcc prints before a diagnostic. */
    private static final String[] PREAMBLE = {
        "^\\s*In file included from ", "^\\s+from \\S+[:,]$", ": In (?:member )?function ",
        ": In (?:instantiation of|constructor|destructor|static member function|lambda function)", ": At (?:global|top level)"};

    /** Progress, downloads, plugin banners, compiler invocations, passing tests: dropped. */
    static final LinePattern NOISE = LinePattern.of(concat(PREAMBLE,
            "^\\s*$",
            "^\\s*\\[INFO\\]\\s*$",
            "^\\s*\\[INFO\\] (?:Download(?:ing|ed)|Progress|--- |-{8,}|Copying \\d+ resource|Using '|Changes detected"
                    + "|Compiling \\d+ source|Nothing to compile|Building jar|Installing |Skipping |No sources"
                    + "|Tests are skipped|skip non existing|Recompiling|Loading |Storing |Scanning for projects"
                    + "|Surefire report directory|Using auto detected provider|No tests to run|Building war"
                    + "|Packaging webapp|Assembling webapp|Processing war|Webapp assembled|BUILD SUCCESS$|\\s*$)",
            "^\\s*\\[INFO\\] Running (?:com|org|net|io|de|dev|eu)\\.",
            "^\\s*(?:Download(?:ing|ed)|Progress) ",
            "^\\s*\\[\\d+/\\d+\\] (?:Building|Linking|Generating|Automatic|Running|Copying|Install|Re-running)",
            "^\\s*\\[\\s*\\d+%\\] (?:Building|Linking|Built target|Generating|Scanning|Automatic)",
            "^\\s*-- (?:Looking for|Found|Detecting|Check|Performing|The C|The CXX|Configuring done|Generating done"
                    + "|Build files|Conan|Using)",
            "^\\s+(?:Compiling|Checking|Downloaded|Downloading|Fresh|Updating|Blocking|Locking|Adding|Unpacking"
                    + "|Packaging|Documenting|Installing|Installed|Replacing|Removing) \\S+ v?\\d",
            "^\\s*(?:Compiling|Checking) \\S+ v\\d",
            "^test \\S+ \\.\\.\\. ok$",
            "^\\s*> Task :\\S+(?:\\s+(?:UP-TO-DATE|NO-SOURCE|FROM-CACHE|SKIPPED))?\\s*$",
            "^\\s*<[=-]+> ",
            "^\\s*npm (?:http|timing|sill|verb|info) ",
            "^\\s*(?:Copying file from|Target \"?[\\w.]+\"?:|Processing \\d+ \\w+ files|Finished processing"
                    + "|Done building target(?!.* FAILED)|Skipping target|Building solution configuration|Done Building Project"
                    + "|Creating directory|Touching |Deleting file)",
            "^\\s*\\S[^ ]*\\\\(?:csc|Csc|CSC|cl|CL|link|LINK|vbc|Vbc|lib|rc|midl)\\.exe ",
            "^\\s*_{10,}\\s*$",
            "^\\s*\\S+ -> \\S.*\\.(?:dll|exe|lib|pdb|so|jar|a|dylib|wasm)$",
            "^\\s*Project \".*\" is building \".*\" \\((?!default)[\\w ;]+ target\\(s\\)\\)",
            "^make(?:\\[\\d+])?: (?:Entering|Leaving|Nothing to be done)",
            "^\\s*(?:\\S*/)?(?:gcc|g\\+\\+|cc|c\\+\\+|clang|clang\\+\\+|nvcc|javac|rustc)(?:-\\d+)? .* -c ",
            "^\\s*\\[Pipeline\\] ",
            "^\\s*> git ",
            "^\\S+::\\S+ PASSED",
            "^[\\w/.:-]+\\.py [.sx]+\\s*(?:\\[\\s*\\d+%\\])?$",
            "^\\s*(?:✓|✔|√) ",
            "^PASS ",
            "^\\s*ok \\d+ - "))
            .withHints(": in ", ": at ");

    /** Per-class surefire results: {@code Tests run: 5, Failures: 0, ... - in a.b.FooTest}. */
    static final Pattern CLASS_RESULT = Pattern.compile("Tests run: \\d+.*(?: - in |Time elapsed)");
    static final Pattern ALL_PASSED = Pattern.compile("Failures: 0, Errors: 0");

    static final LinePattern ERROR = LinePattern.of(
            "\\[(?:ERROR|FATAL)\\]",
            "^\\s*(?:fatal )?error(?:\\[\\w+])?:",
            ":\\s*(?:fatal )?error(?: [A-Z]+\\d+)?\\s*:",
            "^\\s*e: ",
            "BUILD FAILURE", "BUILD FAILED", "^FAILURE: ", "Finished: FAILURE",
            "npm ERR!",
            "make(?:\\[\\d+])?: \\*\\*\\*",
            "\\bFAIL(?:ED)?\\b", "<<< (?:FAILURE|ERROR)!",
            "^E\\s{2,}",
            "^\\s*●\\s",
            "Tests in error", "Failed tests:",
            "\\bERROR\\b",
            "panicked at", "^ninja: build stopped", "\\w(?:Exception|Error)\\b", "^\\s*Error \\d+\\s*$",
            "^Traceback \\(most recent",
            "Exception in thread",
            "^_{3,} \\S.* _{3,}$",
            "^\\s*(?:[a-zA-Z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)(?::|$)",
            "\\berror\\b",
            "^\\s*(?:Expected|Received|Actual)\\b.*:")
            .withHints("err", "fail", "fatal", "***", "<<<", "panic", "exception");

    static final Pattern ZERO_COUNT = Pattern.compile(
            "(?i)\\b(?:errors?|failures?|failed)\\b\\s*[=:]?\\s*0\\b|\\b0 (?:errors?|failures?|failed)\\b|\\bno errors?\\b"
            + "|/errorreport:\\S+|-Werror\\S*");

    static final LinePattern SUMMARY = LinePattern.of(
            "Tests run: \\d+", "BUILD SUCCESS", "Total time:", "Finished at:", "\\d+ Warning\\(s\\)",
            "\\d+ Error\\(s\\)", "Build succeeded", "Time Elapsed", "test result:",
            "^=+ .*\\b(?:passed|failed|error|errors|skipped)\\b.* =+$",
            "^\\s*Tests?:\\s+\\d+", "^Test Suites:", "^Snapshots:", "^Time:\\s",
            "Finished: (?:SUCCESS|UNSTABLE|ABORTED|NOT_BUILT)",
            "^\\s*Finished [`'\"]?(?:dev|release|test|bench)", "generated \\d+ warnings?",
            "^\\s*\\d+ (?:passing|failing|pending)", "^\\s*Results ?:", "^Ran \\d+ tests?", "^OK(?: \\(|$)",
            "^FAILED \\(", "\\.{3,} ?(?:SUCCESS|FAILURE|SKIPPED)", "Reactor Summary", "^\\s*added \\d+ packages",
            "found \\d+ vulnerabilit", "\\d+ actionable tasks?", "BUILD SUCCESSFUL", "^\\s*\\d+ tests? completed",
            "^\\s*Executed \\d+ of \\d+", "Compilation failed", "^\\s*\\d+ (?:warnings?|errors?) generated",
            "^\\s*Build (?:FAILED|succeeded)")
            .withHints("tests run", "build succe", "total time", "finished", "(s)", "time elapsed", "test result",
                    "generated", "...", "reactor summary", "vulnerabilit", "actionable task", "compilation failed");

    static final LinePattern WARN = LinePattern.of(
            "\\[WARN(?:ING)?\\]",
            "^\\s*warning(?:\\[\\w+])?:",
            ":\\s*warning(?: [A-Z]+\\d+)?\\s*:",
            "^\\s*w: ",
            "npm WARN",
            "\\bWARN(?:ING)?\\b",
            "(?i)\\bdeprecat")
            .withHints("warn", "deprecat");

    /** Detail lines of a compiler diagnostic: rustc excerpts, notes, carets, the gcc include chain. */
    static final LinePattern DETAIL = LinePattern.of(concat(PREAMBLE,
            "^\\s*(?:-->|\\d*\\s*\\||\\d+\\s+[~+-] |= |help:|note:|\\.\\.\\.$|\\^|~)", ": note: ", ": required from ",
            "^\\s+symbol:", "^\\s+location:"))
            .withHints(": note:", ": required from", ": in ", ": at ");
    /** Lines of a diagnostic that are boilerplate: links, empty gutters, the include chain. */
    static final LinePattern BOILERPLATE = LinePattern.of(concat(PREAMBLE,
            "^\\s*(?:= help: for further information visit|\\(see https?://\\S+\\)$|\\|\\s*$)"));
    /** Code excerpt and caret lines: shown, but not part of a diagnostic's identity. */
    static final Pattern SNIPPET = Pattern.compile("\\s*(?:-->|\\d*\\s*\\||\\^|~|\\.\\.\\.$)");
    /** The include chain and function context before a diagnostic, which join it. */
    static final LinePattern PREAMBLE_LINE = LinePattern.of(PREAMBLE).withHints("in file included", "from ", ": in ", ": at ");
    /**
     * The body lines of a warning worth showing: where it is, and the compiler's notes on it (where the
     * deprecated thing is declared); the excerpt and fix are behind the marker.
     */
    static final LinePattern WARNING_DETAIL = LinePattern.of("^\\s*-->", "^\\s*\\S+:\\d+(?::\\d+)?: note: ")
            .withHints("-->", ": note: ");
    /** A line that starts a diagnostic of its own, whatever its indentation. */
    static final LinePattern DIAGNOSTIC_HEADER = LinePattern.of(
            ":\\s*(?:fatal )?(?:error|warning)(?: [A-Z]+\\d+)?\\s*:", "^\\s*(?:error|warning)(?:\\[\\w+])?:",
            "\\[(?:ERROR|WARNING|WARN|FATAL)]", "<<< (?:FAILURE|ERROR)!")
            .withHints("error", "warn", "fatal", "<<<");
    /** The position part of a source location: {@code :[12,5]}, {@code :3:7}, {@code (3,4)}. */
    static final Pattern POSITION = Pattern.compile(":\\[\\d+(?:,\\d+)?]|:\\d+(?::\\d+)?|\\(\\d+(?:,\\d+)?\\)");
    static final Pattern FILE_EXTENSION = Pattern.compile(".*\\w\\.[A-Za-z]\\w{0,5}");
    static final Pattern ARROW_LOCATION = Pattern.compile("\\s*--> (\\S+)");

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
