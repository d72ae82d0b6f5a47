package dev.headroom.cli;

import dev.headroom.wire.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code headroom stats}: the {@code /stats} numbers of a running proxy, as a summary for the terminal or as
 * the raw JSON. Exit 0 when the proxy answered, 2 (with a one-line error) when none did.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show the savings, costs and latencies of a running Headroom proxy.")
final class StatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "${env:HEADROOM_HOST:-127.0.0.1}", description = "Proxy host (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:HEADROOM_PORT:-8787}", description = "Proxy port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--json", description = "Print the raw /stats JSON.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        URI uri = URI.create("http://" + shownHost + ":" + port + "/stats");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        String token = System.getenv("HEADROOM_PROXY_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("X-Headroom-Proxy-Token", token);
        }
        HttpResponse<String> response;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return fail("no Headroom proxy answers at " + uri + " (" + OneLine.of(e) + "); start one with `headroom proxy`");
        }
        if (response.statusCode() != 200) {
            return fail(uri + " answered " + response.statusCode() + "; is that a Headroom proxy with stats?");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(response.body());
        } else {
            try {
                out.print(StatsReport.render(JsonCodec.parse(response.body()), uri.resolve("/").toString()));
            } catch (RuntimeException e) {
                return fail(uri + " did not answer with stats JSON: " + OneLine.of(e));
            }
        }
        out.flush();
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("headroom: error: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
