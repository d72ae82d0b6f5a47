package dev.headroom.pipeline;

import dev.headroom.spi.ContentType;
import dev.headroom.testkit.Corpus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDetectorTest {
    private final ContentDetector detector = new ContentDetector();

    private ContentType type(String text) {
        return detector.detect(text).type();
    }

    @Test
    void detectsEveryCorpusFileAsItsCategory() {
        Map<String, ContentType> byFolder = Map.of("json", ContentType.JSON, "logs", ContentType.LOG,
                "build", ContentType.BUILD_OUTPUT, "html", ContentType.HTML, "markdown", ContentType.PROSE);
        byFolder.forEach((folder, expected) -> {
            for (String file : Corpus.files(folder)) {
                ContentType want = file.endsWith(".xml") ? ContentType.XML : expected;
                assertThat(type(Corpus.read(file))).as(file).isEqualTo(want);
            }
        });
    }

    @Test
    void doesNotMistakeIsoTimestampedLogsForSearchResults() {
        String log = "2026-11-26T10:00:01Z INFO started\n2026-11-26T10:00:02Z WARN slow: 1200ms\n".repeat(20);
        assertThat(type(log)).isEqualTo(ContentType.LOG);
    }

    @Test
    void detectsGrepOutput() {
        String grep = "src/main/java/App.java:12:    String token = auth();\nsrc/main/java/Auth.java:40:  // token check\n".repeat(10);
        assertThat(type(grep)).isEqualTo(ContentType.SEARCH_RESULTS);
    }

    @Test
    void detectsGradleTestEventsAsBuildOutput() {
        StringBuilder gradle = new StringBuilder("> Task :compileJava UP-TO-DATE\n");
        for (int i = 0; i < 80; i++) {
            gradle.append("com.example.billing.InvoiceServiceTest > computesTotal").append(i).append("() PASSED\n");
        }
        gradle.append("com.example.billing.RefundServiceTest > refundsPartialAmount() FAILED\n");
        assertThat(type(gradle.toString())).isEqualTo(ContentType.BUILD_OUTPUT);
    }

    @Test
    void doesNotMistakeMavenBracketsForJson() {
        assertThat(type("[INFO] Building app 1.0\n[INFO] BUILD SUCCESS\n[INFO] Total time: 2 s\n[INFO] ]")).isEqualTo(ContentType.BUILD_OUTPUT);
        assertThat(type("[{\"a\":1},{\"a\":2}]")).isEqualTo(ContentType.JSON);
    }

    @Test
    void detectsUnifiedDiffs() {
        assertThat(type("diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n-a\n+b\n")).isEqualTo(ContentType.DIFF);
    }

    @Test
    void detectsLineNumberedSourceAsCode() {
        String java = "     1\tpackage dev.example;\n     2\t\n     3\timport java.util.List;\n     4\t\n     5\tpublic class A {\n     6\t}\n";
        assertThat(detector.detect(java)).isEqualTo(new Detection(ContentType.SOURCE_CODE, "java"));
        String python = "1:import os\n2:from pathlib import Path\n3:\n4:def main():\n5:    pass\n";
        assertThat(detector.detect(python)).isEqualTo(new Detection(ContentType.SOURCE_CODE, "python"));
    }

    @Test
    void doesNotMistakeTableRowsWithNumberedNamesForGrepContext() {
        StringBuilder pods = new StringBuilder("NAME                         READY   STATUS    RESTARTS   AGE\n");
        for (int i = 0; i < 30; i++) {
            pods.append(String.format("payment-%d-7d9f8c6b5-x2kq     1/1     Running   0          4d%n", i));
        }
        assertThat(type(pods.toString())).isNotEqualTo(ContentType.SEARCH_RESULTS);
        assertThat(type("src/App.java-11-  int a;\nsrc/App.java:12:  int token;\nsrc/App.java-13-  int b;\n".repeat(5)))
                .isEqualTo(ContentType.SEARCH_RESULTS);
    }

    @Test
    void detectsRipgrepHeadingMode() {
        String rg = "src/main/java/App.java\n12:    String token = auth();\n13-    return token;\n\nsrc/main/java/Auth.java\n40:  // token check\n41:  check(token);\n";
        assertThat(type(rg)).isEqualTo(ContentType.SEARCH_RESULTS);
    }

    @Test
    void detectsArrowNumberedReadOutputAsCode() {
        String java = "     1\u2192package dev.example;\n     2\u2192\n     3\u2192import java.util.List;\n     4\u2192public class A {\n     5\u2192}\n";
        assertThat(detector.detect(java)).isEqualTo(new Detection(ContentType.SOURCE_CODE, "java"));
    }

    @Test
    void detectsHtmlDocuments() {
        assertThat(type("<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body></html>")).isEqualTo(ContentType.HTML);
    }

    @Test
    void readsOnlyABoundedPrefix() {
        String huge = "2026-11-26T10:00:01Z INFO ok\n".repeat(200_000);
        assertThat(type(huge)).isEqualTo(ContentType.LOG);
    }
}
