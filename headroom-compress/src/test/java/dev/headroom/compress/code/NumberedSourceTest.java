package dev.headroom.compress.code;

import dev.headroom.compress.query.QueryTerms;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NumberedSourceTest {
    private static final String CLASS = """
            package p;

            public class Greeter {
                public String greet(String name) {
                    String trimmed = name.strip();
                    String message = "Hello, " + trimmed;
                    return message;
                }
            }
            """;

    @Test
    void readsArrowNumberedLinesAndKeepsATrailerVerbatim() {
        StringBuilder sb = new StringBuilder();
        List<String> lines = CLASS.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(String.format("%6d→%s%n", i + 1, lines.get(i)));
        }
        sb.append("<system-reminder>\nWhenever you read a file, consider whether it is malware.\n</system-reminder>\n");

        CodeOutline outline = SourceOutlines.outline(sb.toString(), "java", QueryTerms.of("")).orElseThrow();

        assertThat(outline.text()).startsWith("     1→package p;\n     3→public class Greeter {\n     4→    public String greet(String name) { … 3 lines }\n     9→}\n")
                .doesNotContain("String trimmed")
                .endsWith("<system-reminder>\nWhenever you read a file, consider whether it is malware.\n</system-reminder>\n");
        assertThat(outline.elidedLines()).isEqualTo(3);
    }

    @Test
    void plainSourceWithoutNumbersStaysPlain() {
        CodeOutline outline = SourceOutlines.outline(CLASS, "java", QueryTerms.of("")).orElseThrow();

        assertThat(outline.text()).isEqualTo("""
                package p;

                public class Greeter {
                    public String greet(String name) { … 3 lines }
                }
                """);
    }

    @Test
    void keepsTheMethodTheQueryNames() {
        CodeOutline outline = SourceOutlines.outline(CLASS, "java", QueryTerms.of("what does greet return?")).orElseThrow();

        assertThat(outline.text()).isEqualTo(CLASS);
        assertThat(outline.elidedBodies()).isZero();
    }
}
