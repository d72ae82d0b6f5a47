package dev.headroom.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Renders a {@link SavingsHistory} as the {@code /stats-history} documents: JSON with fixed key order
 * ({@code timezone}, {@code retention_days}, {@code lifetime}, {@code series} with one array per requested
 * series, oldest bucket first) and CSV of one series (a header line, then one line per bucket, CRLF line ends
 * as RFC 4180 asks). Dollars carry nine decimals, so sums of rows equal the totals exactly.
 */
public final class HistoryJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** The CSV header line, without its line end. */
    public static final String CSV_HEADER =
            "period_start,requests,failed,tokens_before,tokens_after,tokens_saved,output_tokens,cost_saved_usd";

    private HistoryJson() {
    }

    /**
     * How many periods a series shows unless asked otherwise: two days of hours, 90 days, a year of weeks
     * and of months.
     */
    public static int defaultPeriods(Series series) {
        return switch (series) {
            case HOURLY -> 48;
            case DAILY -> 90;
            case WEEKLY -> 53;
            case MONTHLY -> 13;
        };
    }

    /**
     * The JSON document for {@code series}, each over {@code periods} periods (or its
     * {@link #defaultPeriods default} when {@code periods} is 0).
     */
    public static ObjectNode tree(SavingsHistory history, List<Series> series, int periods) {
        ObjectNode root = F.objectNode();
        root.put("timezone", "UTC");
        root.put("retention_days", history.retention().toDays());
        root.set("lifetime", lifetime(history.lifetime()));
        ObjectNode all = root.putObject("series");
        for (Series s : series) {
            ArrayNode rows = all.putArray(s.label());
            for (SavingsBucket b : history.rollups(s, periods > 0 ? periods : defaultPeriods(s))) {
                ObjectNode o = rows.addObject();
                o.put("period_start", b.start().toString());
                o.put("requests", b.requests());
                o.put("failed", b.failed());
                o.put("tokens_before", b.tokensBefore());
                o.put("tokens_after", b.tokensAfter());
                o.put("tokens_saved", b.tokensSaved());
                o.put("output_tokens", b.outputTokens());
                o.put("cost_saved_usd", usd(b.costSavedNanos()));
            }
        }
        return root;
    }

    /** The JSON text of {@link #tree}. */
    public static String json(SavingsHistory history, List<Series> series, int periods) {
        return JsonCodec.write(tree(history, series, periods));
    }

    /** The lifetime totals as a JSON object; {@code since} is null when nothing was recorded. */
    public static ObjectNode lifetime(SavingsTotals t) {
        ObjectNode o = F.objectNode();
        if (t.since().isPresent()) {
            o.put("since", t.since().get().toString());
        } else {
            o.putNull("since");
        }
        o.put("requests", t.requests());
        o.put("failed", t.failed());
        o.put("tokens_before", t.tokensBefore());
        o.put("tokens_after", t.tokensAfter());
        o.put("tokens_saved", t.tokensSaved());
        o.put("output_tokens", t.outputTokens());
        o.put("cost_saved_usd", usd(t.costSavedNanos()));
        return o;
    }

    /** The CSV text of one series over {@code periods} periods (all retained ones when 0). */
    public static String csv(SavingsHistory history, Series series, int periods) {
        int n = periods > 0 ? periods : retainedPeriods(history, series);
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        for (SavingsBucket b : history.rollups(series, n)) {
            out.append(b.start()).append(',').append(b.requests()).append(',').append(b.failed()).append(',')
                    .append(b.tokensBefore()).append(',').append(b.tokensAfter()).append(',')
                    .append(b.tokensSaved()).append(',').append(b.outputTokens()).append(',')
                    .append(usd(b.costSavedNanos()).toPlainString()).append("\r\n");
        }
        return out.toString();
    }

    /** Enough periods of {@code series} to cover the history's whole retention. */
    static int retainedPeriods(SavingsHistory history, Series series) {
        long hours = history.retention().toHours() + 1;
        long periods = switch (series) {
            case HOURLY -> hours;
            case DAILY -> hours / 24 + 1;
            case WEEKLY -> hours / (24 * 7) + 2;
            case MONTHLY -> hours / (24 * 28) + 2;
        };
        return (int) Math.min(Integer.MAX_VALUE, periods);
    }

    private static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos, 9).setScale(9, RoundingMode.UNNECESSARY);
    }
}
