package dev.headroom.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.stats.HistoryJson;
import dev.headroom.stats.HistoryUnavailableException;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.Series;
import dev.headroom.wire.JsonCodec;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /stats-history} under the proxy's prefix, for the peers the proxy serves (loopback, or the proxy
 * token); mounted only when a {@link SavingsHistory} is configured.
 *
 * <ul>
 *   <li>JSON by default: lifetime totals and every series (or only {@code ?series=daily}), each over its default
 *       number of periods or {@code ?periods=N}.</li>
 *   <li>{@code ?format=csv&series=daily} (the series defaults to daily): a {@code text/csv} attachment named
 *       {@code headroom-savings-daily.csv}, covering the whole retention unless {@code ?periods=N}.</li>
 *   <li>{@code ?scope=instance} (the default) answers this proxy's own history; {@code ?scope=fleet} the sum over
 *       every proxy sharing its store, when one is configured (otherwise a 400 saying so). A fleet history that
 *       cannot be read gets a 503 with a JSON error; the instance scope is unaffected.</li>
 * </ul>
 * Bad parameters get a 400 with a JSON error that names the valid values.
 */
final class HistoryRoutes {
    private static final int MAX_PERIODS = 24 * 366 * 10;

    private HistoryRoutes() {
    }

    static void register(JavalinState state, String prefix, ProxyAccess access, SavingsHistory history,
                         SavingsHistory fleet) {
        if (history == null) {
            return;
        }
        state.routes.get(prefix + "/stats-history", ctx -> serve(ctx, access, history, fleet));
    }

    private static void serve(Context ctx, ProxyAccess access, SavingsHistory instance, SavingsHistory fleet) {
        var refusal = access.read(ctx);
        if (refusal.isPresent()) {
            error(ctx, refusal.get().status, refusal.get().message);
            return;
        }
        String format = param(ctx, "format", "json").toLowerCase(Locale.ROOT);
        String seriesParam = ctx.queryParam("series");
        String scope = param(ctx, "scope", "instance").toLowerCase(Locale.ROOT);
        SavingsHistory history;
        switch (scope) {
            case "instance" -> history = instance;
            case "fleet" -> history = fleet;
            default -> {
                error(ctx, 400, "scope must be instance or fleet, got '" + scope + "'");
                return;
            }
        }
        if (history == null) {
            error(ctx, 400, "scope=fleet needs --store redis://... (a store shared by the fleet); "
                    + "this proxy keeps only its own history (scope=instance)");
            return;
        }
        int periods;
        Series series;
        try {
            periods = periods(ctx.queryParam("periods"));
            series = seriesParam == null || seriesParam.isBlank() ? null : Series.of(seriesParam);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        ctx.header("Cache-Control", "no-store");
        try {
            answer(ctx, history, format, series, periods);
        } catch (HistoryUnavailableException e) {
            error(ctx, 503, e.getMessage() + "; scope=instance still answers");
        }
    }

    private static void answer(Context ctx, SavingsHistory history, String format, Series series, int periods) {
        switch (format) {
            case "json" -> ctx.contentType("application/json").result(
                    HistoryJson.json(history, series == null ? List.of(Series.values()) : List.of(series), periods));
            case "csv" -> {
                Series s = series == null ? Series.DAILY : series;
                String csv = HistoryJson.csv(history, s, periods); // first: a history that cannot be read answers JSON
                ctx.header("Content-Disposition", "attachment; filename=\"headroom-savings-" + s.label() + ".csv\"");
                ctx.contentType("text/csv; charset=utf-8").result(csv);
            }
            default -> error(ctx, 400, "format must be json or csv, got '" + format + "'");
        }
    }

    private static int periods(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_PERIODS) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("periods must be a whole number from 1 to " + MAX_PERIODS);
    }

    private static String param(Context ctx, String name, String fallback) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode body = JsonCodec.mapper().createObjectNode();
        body.putObject("error").put("message", message);
        ctx.status(status).contentType("application/json").result(JsonCodec.write(body));
    }
}
