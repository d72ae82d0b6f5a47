package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The checks behind {@code headroom doctor}: the proxy answers {@code /health}; its version and configuration;
 * the client base-URL variables point at it; its stores are reachable (and, on this machine, writable); and
 * what it saved ({@code /stats}); and a wrapped setup ({@link WrapCheck}). Every HTTP call gives up after {@link #TIMEOUT}, so the doctor never hangs.
 * The environment is passed in, so tests choose it.
 */
final class Doctor {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 8787;

    private final String host;
    private final int port;
    private final Map<String, String> env;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Doctor(String host, int port, Map<String, String> env) {
        this.host = host;
        this.port = port;
        this.env = env;
    }

    /** {@code http://host:port}. */
    String base() {
        return "http://" + BaseUrlCheck.shown(host) + ":" + port;
    }

    /** Runs every check, in report order. */
    List<DoctorCheck> run() throws InterruptedException {
        List<DoctorCheck> checks = new ArrayList<>();
        Optional<JsonNode> health = health(checks);
        health.ifPresent(h -> checks.add(config(h)));
        health.ifPresent(h -> checks.add(BackendCheck.check(h)));
        checks.add(BaseUrlCheck.check("ANTHROPIC_BASE_URL", env.get("ANTHROPIC_BASE_URL"), host, port, ""));
        checks.add(BaseUrlCheck.check("OPENAI_BASE_URL", env.get("OPENAI_BASE_URL"), host, port, "/v1"));
        health.ifPresent(h -> checks.add(UpstreamsCheck.check(h, env, base())));
        if (health.isPresent()) {
            checks.add(store("retention_store", "retrieval store", health.get().path("stores").path("retention")));
            checks.add(store("savings_history", "savings history", health.get().path("stores").path("history")));
            checks.add(savings());
        }
        checks.addAll(WrapCheck.checks(env));
        return checks;
    }

    private Optional<JsonNode> health(List<DoctorCheck> checks) throws InterruptedException {
        String where = BaseUrlCheck.shown(host) + ":" + port;
        String start = "start it with: headroom proxy" + (port == DEFAULT_PORT ? "" : " --port " + port)
                + (host.equals(DEFAULT_HOST) ? "" : " --host " + host);
        HttpResponse<String> response;
        try {
            response = get("/health");
        } catch (IOException e) {
            checks.add(DoctorCheck.failure("proxy", "proxy not answering on " + where, start));
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = JsonCodec.parse(response.body());
        } catch (RuntimeException e) {
            json = null;
        }
        if (response.statusCode() != 200 || json == null || !json.has("status")) {
            checks.add(DoctorCheck.failure("proxy", "something answers on " + where + " (HTTP " + response.statusCode()
                    + ") but it is not a Headroom proxy", "stop it, or run the proxy elsewhere: headroom proxy --port N"));
            return Optional.empty();
        }
        String version = json.path("version").asText("unknown");
        String status = json.path("status").asText();
        int compressors = json.at("/checks/compressors").asInt();
        int failures = json.at("/checks/discovery_failures").asInt();
        String detail = "Headroom " + version + " answers on " + where + " (" + status + ", " + compressors + " compressors)";
        if (!status.equals("healthy")) {
            checks.add(DoctorCheck.warning("proxy", detail, "it is still starting; run doctor again in a moment"));
        } else if (failures > 0) {
            checks.add(DoctorCheck.warning("proxy", detail + ", " + failures + " plug-ins failed to load",
                    "see the proxy's start-up log for the plug-ins that failed"));
        } else {
            checks.add(DoctorCheck.ok("proxy", detail));
        }
        return Optional.of(json);
    }

    private static DoctorCheck config(JsonNode health) {
        JsonNode c = health.path("config");
        JsonNode rate = c.path("rate_limit");
        JsonNode cache = c.path("cache");
        String detail = "mode " + c.path("mode").asText("?")
                + ", optimize " + onOff(c.path("optimize")) + ", lossless " + onOff(c.path("lossless"))
                + ", rate limit " + (rate.path("enabled").asBoolean()
                        ? rate.path("requests_per_minute").asLong() + " rpm / " + rate.path("tokens_per_minute").asLong() + " tpm"
                        : "off")
                + ", cache " + (cache.path("enabled").asBoolean() ? "on (" + cache.path("ttl_seconds").asLong() + " s)" : "off")
                + ", stateless " + onOff(c.path("stateless"));
        if (c.has("optimize") && !c.path("optimize").asBoolean()) {
            return DoctorCheck.warning("config", detail + ": passthrough, nothing is compressed",
                    "restart the proxy without --no-optimize to save tokens");
        }
        return DoctorCheck.ok("config", detail);
    }

    private DoctorCheck store(String name, String label, JsonNode store) {
        if (store.isMissingNode()) {
            return DoctorCheck.warning(name, "the proxy reports no " + label, "run the standalone proxy (headroom proxy) to keep one");
        }
        String location = store.path("location").asText();
        if (!store.path("status").asText().equals("ok")) {
            return DoctorCheck.failure(name, label + " at " + location + " is not readable: " + store.path("error").asText(""),
                    "check that the file exists, is not corrupt, and the disk is not full; restart the proxy");
        }
        if (location.equals("memory")) {
            return DoctorCheck.ok(name, label + " in memory (stateless): nothing survives a restart");
        }
        if (isLoopback(host)) {
            Path file = Path.of(location);
            Path dir = file.toAbsolutePath().getParent();
            boolean writable = Files.exists(file) ? Files.isWritable(file) : dir != null && Files.isWritable(dir);
            if (!writable) {
                return DoctorCheck.failure(name, label + " at " + location + " is not writable",
                        "fix its permissions: chmod u+w " + location);
            }
        }
        return DoctorCheck.ok(name, label + " at " + location + " (reachable" + (isLoopback(host) ? ", writable)" : ")"));
    }

    private DoctorCheck savings() throws InterruptedException {
        HttpResponse<String> response;
        JsonNode stats;
        try {
            response = get("/stats");
            stats = response.statusCode() == 200 ? JsonCodec.parse(response.body()) : null;
        } catch (IOException | RuntimeException e) {
            stats = null;
        }
        if (stats == null) {
            return DoctorCheck.warning("savings", "the proxy serves no /stats", "run the standalone proxy (headroom proxy) for savings figures");
        }
        long total = stats.at("/requests/total").asLong();
        long failed = stats.at("/requests/failed").asLong();
        String detail = total == 0 ? "no requests since " + stats.path("since").asText() + " yet"
                : total + " requests (" + failed + " failed), " + stats.at("/tokens/saved").asLong() + " tokens saved ("
                + stats.at("/tokens/savings_percent").asText() + " %), $" + stats.at("/cost/saved").asText() + " saved";
        JsonNode lifetime = stats.path("persistent_savings");
        if (!lifetime.isMissingNode()) {
            detail += "; lifetime " + lifetime.path("tokens_saved").asLong() + " tokens, $" + lifetime.path("cost_saved").asText();
        }
        if (total >= 10 && failed * 2 > total) {
            return DoctorCheck.warning("savings", detail, "most requests failed: check the API key and the upstream ("
                    + "recent requests: headroom stats --port " + port + ")");
        }
        return DoctorCheck.ok("savings", detail);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(TIMEOUT).GET();
        String token = env.get("HEADROOM_PROXY_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("X-Headroom-Proxy-Token", token);
        }
        // The request timeout stops at the response headers; a body that stalls is bounded here.
        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            return pending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static String onOff(JsonNode flag) {
        return flag.asBoolean() ? "on" : "off";
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}
