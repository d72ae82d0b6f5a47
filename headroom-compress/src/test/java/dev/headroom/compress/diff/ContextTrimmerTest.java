package dev.headroom.compress.diff;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContextTrimmerTest {

    @Test
    void splitsALongHunkWithExactHeadersAndKeepsOneContextLine() {
        Hunk hunk = new Hunk("@@ -10,12 +10,12 @@ void run() {", 10, 10, " void run() {", List.of(
                " a", " b", " c", "-d", "+D", " e", " f", " g", " h", " i", " j", "-k", "+K", " l"));
        int[] dropped = new int[1];

        List<String> trimmed = ContextTrimmer.trim(hunk, dropped);

        assertThat(trimmed).containsExactly(
                "@@ -12,3 +12,3 @@ void run() {", " c", "-d", "+D", " e",
                "@@ -19,3 +19,3 @@", " j", "-k", "+K", " l");
        assertThat(dropped[0]).isEqualTo(6);
    }

    @Test
    void keepsShortGapsAndTheNoNewlineNote() {
        Hunk hunk = new Hunk("@@ -1,6 +1,6 @@", 1, 1, "", List.of(
                " a", "-b", "+B", " c", " d", "-e", "\\ No newline at end of file", "+E", "\\ No newline at end of file"));
        int[] dropped = new int[1];

        List<String> trimmed = ContextTrimmer.trim(hunk, dropped);

        assertThat(trimmed).containsExactly("@@ -1,6 +1,6 @@", " a", "-b", "+B", " c", " d", "-e",
                "\\ No newline at end of file", "+E", "\\ No newline at end of file");
        assertThat(dropped[0]).isZero();
    }

    @Test
    void writesZeroLengthRangesForAnAdditionWithoutContext() {
        Hunk hunk = new Hunk("@@ -4,6 +4,7 @@", 4, 4, "", List.of(" a", " b", " c", "+x", " d", " e", " f"));
        int[] dropped = new int[1];

        assertThat(ContextTrimmer.trim(hunk, dropped)).containsExactly("@@ -6,2 +6,3 @@", " c", "+x", " d");
    }
}
