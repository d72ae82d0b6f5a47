package dev.headroom.compress.code;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.body.MethodDeclaration;
import dev.headroom.compress.search.RepoSources;
import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CodeOutlineCompressorTest extends CompressorContract {
    private static final TokenCounter TOKENS = JtokkitTokenCounter.of(TokenizerFamily.CL100K);
    private static final String PIPELINE = "headroom-core/src/main/java/dev/headroom/pipeline/CompressionPipeline.java";
    private static final String[][] OTHER_LANGUAGES = {
            {"inventory.py", "python"}, {"session-store.ts", "typescript"}, {"ratelimit.go", "go"}, {"tokenizer.rs", "rust"}};

    @Override
    protected Compressor newCompressor() {
        return new CodeOutlineCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        List<ContentUnit> units = new ArrayList<>();
        units.add(java(RepoSources.read(PIPELINE)));
        units.add(java(numbered(RepoSources.read("headroom-core/src/main/java/dev/headroom/pipeline/ContentDetector.java"))));
        for (String[] file : OTHER_LANGUAGES) {
            units.add(new ContentUnit(resource(file[0]), ContentType.SOURCE_CODE, file[1], ""));
        }
        return units;
    }

    static ContentUnit java(String text) {
        return new ContentUnit(text, ContentType.SOURCE_CODE, "java", "Read");
    }

    /** The text as Claude Code's Read tool prints it: {@code "     12\t"} before every line. */
    static String numbered(String text) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            sb.append(String.format("%6d\t%s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }

    static String resource(String name) {
        try (InputStream in = CodeOutlineCompressorTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompressorResult compress(ContentUnit unit, TestContext context) {
        return new CodeOutlineCompressor().compress(unit, context);
    }

    @Test
    void keepsQueryNamedMethodsWholeAtSeededRandomPicks() {
        SplittableRandom random = new SplittableRandom(7L);
        List<String> files = RepoSources.coreJavaFiles().stream()
                .filter(f -> RepoSources.read(f).lines().count() >= 150).toList();
        int checked = 0;
        while (checked < 12) {
            String source = RepoSources.read(files.get(random.nextInt(files.size())));
            List<MethodDeclaration> methods = new JavaParser(new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)).parse(source).getResult().orElseThrow()
                    .findAll(MethodDeclaration.class,
                    m -> m.getBody().isPresent() && m.getRange().get().getLineCount() >= 6);
            if (methods.isEmpty()) {
                continue;
            }
            MethodDeclaration method = methods.get(random.nextInt(methods.size()));
            String[] lines = source.split("\n", -1);
            int first = method.getRange().get().begin.line;
            int last = method.getRange().get().end.line;
            String whole = String.join("\n", List.of(lines).subList(first - 1, last));

            CompressorResult result = compress(java(source),
                    TestContext.standard().withQuery("Why does " + method.getNameAsString() + " behave this way?"));

            assertThat(result.isDeclined()).isFalse();
            assertThat(result.text()).as("method %s kept whole", method.getNameAsString()).contains(whole);
            checked++;
        }
    }

    @Test
    void elidesOtherBodiesWithTheirLineCount() {
        String source = RepoSources.read(PIPELINE);

        CompressorResult result = compress(java(source), TestContext.standard().withQuery("what does compressText do"));

        assertThat(result.transform()).isEqualTo("code:outline-java");
        assertThat(result.text()).contains("private UnitMemo.Outcome compressText(")
                .contains("UnitMemo.Outcome known = memo.get(key);")
                .containsPattern("public List<UnitReport> run\\(RequestView view, TokenCounter counter, int frozenMessages, "
                        + "String queryOverride\\) \\{ … \\d+ lines }")
                .doesNotContain("List<ToolOutput> outputs = view.toolOutputs();");
        assertThat(Marker.hashesIn(result.text())).hasSize(1);
    }

    @Test
    void keepsPackageImportNamesFieldsAndFirstJavadocSentence() {
        String source = RepoSources.read(PIPELINE);

        String outline = compress(java(source), TestContext.standard()).text();

        assertThat(outline).startsWith("package dev.headroom.pipeline;")
                .containsPattern("// \\d+ imports: .*dev\\.headroom\\.spi\\.\\{[^}]*CompressorResult")
                .contains("public final class CompressionPipeline {")
                .contains("    private final CircuitBreaker breaker;")
                .contains("/** Compresses the tool outputs of one request");
        for (Matcher m = Pattern.compile("(?m)^import (?:static )?[\\w.]*\\.(\\w+);").matcher(source); m.find(); ) {
            assertThat(outline).contains(m.group(1));
        }
    }

    @Test
    void keepsTheReadToolsLineNumbersOnEveryLineShown() {
        String source = RepoSources.read(PIPELINE);
        String numbered = numbered(source);
        String[] sourceLines = source.split("\n", -1);

        String outline = compress(java(numbered), TestContext.standard()).text();

        List<String> lines = outline.lines().toList();
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher m = Pattern.compile("^ *(\\d+)\\t(.*)$").matcher(line);
            assertThat(m.matches()).as("numbered: %s", line).isTrue();
            String original = sourceLines[Integer.parseInt(m.group(1)) - 1];
            String shown = m.group(2);
            if (!shown.contains(" … ") && !shown.startsWith("// ") && !shown.strip().startsWith("/**")) {
                assertThat(shown).isEqualTo(original);
            } else if (shown.contains(" lines }")) {
                assertThat(shown).startsWith(original.substring(0, original.indexOf('{')));
            }
        }
        assertThat(Marker.containsMarker(lines.get(lines.size() - 1))).isTrue();
    }

    @Test
    void outlinesPythonTypescriptGoAndRustAndKeepsQueryNamedFunctions() {
        String[][] named = {{"reserve", "LOG.warning(\"order %s: %s out of stock (%d > %d)\", order_id, sku, quantity, left)"},
                {"load", "const data = JSON.parse(raw) as SessionData;"},
                {"Allow", "b.tokens = min(float64(l.cfg.Burst), b.tokens+elapsed*l.cfg.Rate)"},
                {"number", "text.parse::<f64>().map(Token::Number).map_err(|e| LexError {"}};
        String[] elided = {"...  # 7 lines", "async destroy(id: string): Promise<void> {", "func (l *Limiter) Sweep() int { … 11 lines }",
                "fn ident(&mut self) -> String { … 10 lines }"};
        for (int i = 0; i < OTHER_LANGUAGES.length; i++) {
            ContentUnit unit = new ContentUnit(resource(OTHER_LANGUAGES[i][0]), ContentType.SOURCE_CODE, OTHER_LANGUAGES[i][1], "");

            CompressorResult result = compress(unit, TestContext.standard().withQuery("explain " + named[i][0]));

            assertThat(result.transform()).isEqualTo("code:outline-" + OTHER_LANGUAGES[i][1]);
            assertThat(result.text()).contains(named[i][1]).contains(elided[i]);
        }
    }

    @Test
    void elidesTypescriptMethodsArrowFunctionsAndFunctions() {
        ContentUnit unit = new ContentUnit(resource("session-store.ts"), ContentType.SOURCE_CODE, "typescript", "");

        String outline = compress(unit, TestContext.standard()).text();

        assertThat(outline).contains("async load(id: string): Promise<SessionData | null> { … 9 lines }")
                .contains("export function requireRole(role: string) { … 12 lines }")
                .contains("async (req: Request, res: Response, next: NextFunction) => { … 12 lines };")
                .contains("export interface SessionData {\n  userId: string;");
    }

    @Test
    void declinesSourceThatDoesNotParse() {
        String brokenJava = RepoSources.read(PIPELINE).replace("public final class CompressionPipeline {", "public final class {");
        String brokenPython = resource("inventory.py").replace("def release(self, order_id: str) -> bool:", "def release(self, order_id: str -> bool:");
        String brokenGo = resource("ratelimit.go").replace("func (l *Limiter) Sweep() int {", "func (l *Limiter) Sweep() int {{");

        assertThat(compress(java(brokenJava), TestContext.standard()).isDeclined()).isTrue();
        assertThat(compress(new ContentUnit(brokenPython, ContentType.SOURCE_CODE, "python", ""), TestContext.standard()).isDeclined()).isTrue();
        assertThat(compress(new ContentUnit(brokenGo, ContentType.SOURCE_CODE, "go", ""), TestContext.standard()).isDeclined()).isTrue();
    }

    @Test
    void declinesInLosslessModeAndWithoutRetention() {
        ContentUnit unit = java(RepoSources.read(PIPELINE));

        assertThat(compress(unit, TestContext.standard().withLossless(true)).isDeclined()).isTrue();
        assertThat(compress(unit, TestContext.standard().withRetention(false)).isDeclined()).isTrue();
    }

    @Test
    void declinesLanguagesItCannotOutline() {
        ContentUnit unit = new ContentUnit("#include <stdio.h>\nint main() {\n  printf(\"hi\");\n  return 0;\n}\n",
                ContentType.SOURCE_CODE, "c", "");

        assertThat(compress(unit, TestContext.standard()).isDeclined()).isTrue();
    }

    @Test
    void savesHalfOverallAndAQuarterOnEveryLargeSource() {
        int before = 0;
        int after = 0;
        for (String file : RepoSources.coreJavaFiles()) {
            String source = RepoSources.read(file);
            CompressorResult result = compress(java(numbered(source)), TestContext.standard());
            int b = TOKENS.count(numbered(source));
            int a = result.isDeclined() ? b : TOKENS.count(result.text());
            before += b;
            after += a;
            if (source.lines().count() >= 150) {
                System.out.printf("code %s (Read form): %d -> %d tokens, %.1f%% saved%n", file, b, a, 100.0 * (b - a) / b);
                // one-line bodies stay in an outline, so a file of accessors saves less than one of real methods
                assertThat(a).as("large file %s", file).isLessThan(b * 3 / 4);
            }
        }
        System.out.printf("code all %d core Java files (Read form): %d -> %d tokens, %.1f%% saved%n",
                RepoSources.coreJavaFiles().size(), before, after, 100.0 * (before - after) / before);
        assertThat(after).isLessThan(before * 55 / 100);
        for (String[] file : OTHER_LANGUAGES) {
            String source = resource(file[0]);
            int b = TOKENS.count(source);
            int a = TOKENS.count(compress(new ContentUnit(source, ContentType.SOURCE_CODE, file[1], ""), TestContext.standard()).text());
            System.out.printf("code %s: %d -> %d tokens, %.1f%% saved%n", file[0], b, a, 100.0 * (b - a) / b);
            assertThat(a).as(file[0]).isLessThan(b * 55 / 100);
        }
    }
}
