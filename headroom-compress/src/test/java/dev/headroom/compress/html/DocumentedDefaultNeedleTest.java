package dev.headroom.compress.html;

import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reference page documenting forty configuration keys, each in its own section with a description and its
 * default value in {@code <code>}: asked about one key, the compressed page shows that key's section with its
 * default, however much of the rest it cuts.
 */
class DocumentedDefaultNeedleTest extends CompressorContract {
    private static final String[] AREAS = {"connection", "retry", "cache", "render", "upload", "session", "index", "queue"};
    private static final String[] ASPECTS = {"Timeout", "Limit", "Width", "Depth", "Interval", "Threshold"};

    @Override
    protected Compressor newCompressor() {
        return new HtmlCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(page(new SplittableRandom(6), 11).html, ContentType.HTML));
    }

    private record Page(String html, String key, String defaultValue) {
    }

    private static Page page(SplittableRandom random, int asked) {
        StringBuilder sb = new StringBuilder("<html><head><title>Configuration reference</title></head><body>"
                + "<nav><a href='/'>Home</a> <a href='/docs'>Docs</a></nav><main><h1>Configuration reference</h1>"
                + "<p>Every setting can be given in the configuration file or as a system property.</p>");
        String key = null;
        String value = null;
        for (int i = 0; i < 40; i++) {
            String name = AREAS[i % AREAS.length] + ASPECTS[(i / AREAS.length + i) % ASPECTS.length] + (i / 24 == 0 ? "" : "V2");
            String def = Integer.toString(10 + random.nextInt(990));
            if (i == asked) {
                key = name;
                value = def;
            }
            sb.append("<h3 id='").append(name).append("'>").append(name).append("</h3>")
                    .append("<p>Controls the ").append(AREAS[i % AREAS.length]).append(" behaviour of the client. ")
                    .append("Larger values trade memory for fewer round trips, and the setting is read once at start-up. ")
                    .append("It can be overridden per request when the server allows it.</p>")
                    .append("<p>The minimum allowed value is <code>").append(1 + random.nextInt(9)).append("</code>; ")
                    .append("the default is <code>").append(def).append("</code>.</p>");
        }
        sb.append("</main><footer>© Example Corp</footer></body></html>");
        return new Page(sb.toString(), key, value);
    }

    @Property(seed = "20261207", tries = 20)
    void showsTheDefaultOfTheKeyTheQuestionNames(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Page page = page(random, random.nextInt(40));

        CompressorResult result = new HtmlCompressor().compress(ContentUnit.of(page.html, ContentType.HTML),
                TestContext.standard().withQuery("What is the default of " + page.key + ", and its minimum?"));

        assertThat(result.isDeclined()).as(result.declineReason()).isFalse();
        String out = result.text();
        int section = out.indexOf("### " + page.key);
        assertThat(section).as("section of %s", page.key).isGreaterThanOrEqualTo(0);
        int next = out.indexOf("###", section + 4);
        String shown = next < 0 ? out.substring(section) : out.substring(section, next);
        assertThat(shown).contains("the default is `" + page.defaultValue + "`");
        assertThat(out.length()).as("cut").isLessThan(page.html.length() / 2);
    }
}
