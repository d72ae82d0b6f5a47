package dev.headroom.compress.json;

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
 * A large configuration document (sections of settings with different keys) and a question naming one key:
 * the key is shown with its value as JSON, not as a cell of a mostly empty table.
 */
class NamedConfigKeyNeedleTest extends CompressorContract {
    private static final String[] SECTIONS = {"server", "database", "cache", "queue", "auth", "logging", "metrics",
        "tracing", "billing", "search"};
    private static final String[] PREFIXES = {"max", "min", "default", "retry", "timeout", "pool", "buffer", "batch"};
    private static final String[] SUFFIXES = {"size", "count", "ms", "limit", "interval", "depth"};

    @Override
    protected Compressor newCompressor() {
        return new SmartCrusher();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(config(new SplittableRandom(8), "max_open_connections", 4), ContentType.JSON));
    }

    private static String config(SplittableRandom random, String key, int value) {
        StringBuilder sb = new StringBuilder("{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"payments-config\"},\"data\":{");
        int keyed = random.nextInt(SECTIONS.length);
        for (int s = 0; s < SECTIONS.length; s++) {
            sb.append(s == 0 ? "" : ",").append('"').append(SECTIONS[s]).append("\":{");
            for (int k = 0; k < 30; k++) {
                sb.append(k == 0 ? "" : ",").append('"').append(PREFIXES[random.nextInt(PREFIXES.length)]).append('_')
                        .append(SUFFIXES[random.nextInt(SUFFIXES.length)]).append('_').append(k).append("\":");
                switch (random.nextInt(3)) {
                    case 0 -> sb.append(random.nextInt(1, 1000));
                    case 1 -> sb.append(random.nextBoolean() ? "\"enabled\"" : "\"disabled\"");
                    default -> sb.append("\"/var/lib/").append(SECTIONS[s]).append('/').append(k).append('"');
                }
            }
            if (s == keyed) {
                sb.append(",\"").append(key).append("\":").append(value);
            }
            sb.append('}');
        }
        return sb.append("}}").toString();
    }

    @Property(seed = "20261207", tries = 20)
    void showsTheNamedKeyWithItsValue(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int value = random.nextInt(1, 64);
        String text = config(random, "max_open_connections", value);

        CompressorResult result = new SmartCrusher().compress(ContentUnit.of(text, ContentType.JSON),
                TestContext.standard().withQuery("What is max_open_connections set to in the payments config?"));

        assertThat(result.isDeclined()).as(result.declineReason()).isFalse();
        assertThat(result.text()).contains("\"max_open_connections\":" + value);
        assertThat(result.text().length()).as("cut").isLessThan(text.length() / 2);
    }
}
