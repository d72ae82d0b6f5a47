package dev.headroom.compress.search;

import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grep for a function over a code base: a hundred call sites in a hundred files and, somewhere among them, the
 * one line that defines it. The definition must be shown, whatever its place in the output.
 */
class DefinitionAmongCallSitesTest extends CompressorContract {
    private static final String[] KEYWORDS = {"def %s(rows, currency):", "function %s(rows, currency) {",
        "fn %s(rows: &[Row], currency: &str) -> Total {", "func %s(rows []Row, currency string) Total {"};

    @Override
    protected Compressor newCompressor() {
        return new SearchResultsCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(grep(new SplittableRandom(4)).output, ContentType.SEARCH_RESULTS));
    }

    private record Grep(String output, String definition) {
    }

    private static Grep grep(SplittableRandom random) {
        String name = "compute_" + List.of("invoice", "ledger", "refund", "payout").get(random.nextInt(4)) + "_totals";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("src/app/module" + random.nextInt(20) + "/handler" + i + ".py:" + random.nextInt(10, 900)
                    + ":    total = " + name + "(rows, currency)");
        }
        String definition = random.nextInt(10, 900) + ":" + String.format(KEYWORDS[random.nextInt(KEYWORDS.length)], name);
        lines.add(random.nextInt(lines.size()), "src/billing/totals.py:" + definition);
        return new Grep(String.join("\n", lines) + "\n", definition);
    }

    private static String compress(String text, String question) {
        CompressorResult result = new SearchResultsCompressor().compress(ContentUnit.of(text, ContentType.SEARCH_RESULTS),
                TestContext.standard().withQuery(question));
        assertThat(result.isDeclined()).as(result.declineReason()).isFalse();
        assertThat(result.text().length()).as("cut").isLessThan(text.length() / 2);
        return result.text();
    }

    @Property(seed = "20261207", tries = 25)
    void showsTheDefinitionOfTheFunctionTheQuestionNames(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Grep grep = grep(new SplittableRandom(seed));
        String name = grep.definition.replaceAll(".*?(compute_\\w+).*", "$1");

        String out = compress(grep.output, "Where is " + name + " defined, and what are its parameters?");

        assertThat(out).contains(grep.definition);
        assertThat(out.indexOf(grep.definition)).as("ranked first").isLessThan(out.indexOf("total = "));
    }

    @Property(seed = "99", tries = 10)
    void showsTheDefinitionWhenTheQuestionNamesNothing(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Grep grep = grep(new SplittableRandom(seed));

        assertThat(compress(grep.output, "")).contains(grep.definition);
    }
}
