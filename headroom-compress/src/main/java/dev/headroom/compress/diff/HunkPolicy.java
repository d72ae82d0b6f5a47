package dev.headroom.compress.diff;

import dev.headroom.compress.query.QueryTerms;

import java.util.regex.Pattern;

/**
 * Decides how much of each hunk a compressed diff shows. A hunk that touches security-relevant code (auth,
 * permissions, tokens, passwords, secrets, crypto, credentials, sessions) or matches the query is always
 * shown whole; lock files, generated files and whitespace-only changes are summarised; large pure deletions
 * and additions are shortened; everything else keeps all changed lines with trimmed context.
 */
final class HunkPolicy {
    static final int LARGE_DELETION_LINES = 30;
    static final int LARGE_ADDITION_LINES = 60;
    /** Smaller whitespace-only hunks are cheaper to show than to summarise. */
    private static final int MIN_WHITESPACE_CHANGES = 4;

    private static final Pattern LOCK_OR_GENERATED = Pattern.compile(
            "(?:^|/)(?:package-lock\\.json|npm-shrinkwrap\\.json|yarn\\.lock|pnpm-lock\\.yaml|Cargo\\.lock|poetry\\.lock"
            + "|Pipfile\\.lock|Gemfile\\.lock|composer\\.lock|go\\.sum|mix\\.lock|pubspec\\.lock|packages\\.lock\\.json"
            + "|flake\\.lock|uv\\.lock|gradle\\.lockfile)$"
            + "|\\.min\\.(?:js|css)$|\\.(?:js|css)\\.map$|\\.snap$|\\.pb\\.go$|_pb2(?:_grpc)?\\.pyi?$|\\.generated\\.\\w+$"
            + "|\\.g\\.dart$|\\.[Dd]esigner\\.cs$"
            + "|(?:^|/)(?:dist|vendor|node_modules|generated|__generated__|__snapshots__)/");

    private static final Pattern INDENTATION_MATTERS = Pattern.compile(
            "\\.(?:py|pyi|yaml|yml|mk|haml|pug|slim|coffee|nim|fs|sass|styl)$|(?:^|/)(?:GNU)?[Mm]akefile$");

    /** Whether the file is a lock file or generated. */
    boolean lockOrGenerated(String path) {
        return LOCK_OR_GENERATED.matcher(path).find();
    }

    /** Whether the hunk must be shown whole: security-relevant or matching the query. */
    boolean critical(String path, Hunk hunk, QueryTerms terms) {
        String changed = hunk.changedText();
        return SecurityTerms.matches(changed) || SecurityTerms.matches(path)
                || terms.score(changed) > 0 || terms.score(path) > 0;
    }

    HunkAction action(DiffPart.FileDiff file, Hunk hunk, QueryTerms terms) {
        if (critical(file.path(), hunk, terms)) {
            return HunkAction.KEEP;
        }
        if (lockOrGenerated(file.path()) || !INDENTATION_MATTERS.matcher(file.path()).find() && whitespaceOnly(hunk)) {
            return HunkAction.SUMMARISE;
        }
        int added = hunk.added();
        int removed = hunk.removed();
        if (added == 0 && removed >= LARGE_DELETION_LINES) {
            return HunkAction.SHORTEN_DELETION;
        }
        if (removed == 0 && added >= LARGE_ADDITION_LINES) {
            return HunkAction.SHORTEN_ADDITION;
        }
        return HunkAction.TRIM;
    }

    /** Whether the removed and the added lines differ only in whitespace. */
    static boolean whitespaceOnly(Hunk hunk) {
        StringBuilder removed = new StringBuilder();
        StringBuilder added = new StringBuilder();
        for (String line : hunk.lines()) {
            if (line.startsWith("-")) {
                appendNonWhitespace(removed, line);
            } else if (line.startsWith("+")) {
                appendNonWhitespace(added, line);
            }
        }
        return hunk.added() + hunk.removed() >= MIN_WHITESPACE_CHANGES && removed.toString().contentEquals(added);
    }

    private static void appendNonWhitespace(StringBuilder sb, String line) {
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
    }
}
