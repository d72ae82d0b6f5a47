package dev.headroom.cli;

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
 * {@code headroom dashboard}: prints the dashboard URL of a running proxy and opens it in a browser unless
 * {@code --no-open}. Exit 0 when the proxy answers, 2 when none does.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Print the dashboard URL of a running proxy and open it in a browser.")
final class DashboardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "${env:HEADROOM_HOST:-127.0.0.1}", description = "The proxy's address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:HEADROOM_PORT:-8787}", description = "The proxy's port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-open", description = "Only print the URL; do not open a browser.")
    boolean noOpen;

    /** How the page is opened; tests replace it. */
    BrowserOpener opener = BrowserOpener.desktop();

    @Override
    public Integer call() throws InterruptedException {
        String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        String base = "http://" + shownHost + ":" + port;
        URI dashboard = URI.create(base + "/dashboard");
        PrintWriter out = spec.commandLine().getOut();
        if (!answers(URI.create(base + "/livez"))) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("headroom: error: no Headroom proxy answers at " + base);
            err.println("  start one with: headroom proxy --port " + port);
            err.flush();
            return 2;
        }
        out.println(dashboard);
        if (!noOpen) {
            out.println(opener.open(dashboard) ? "Opened in your browser."
                    : "No browser could be opened here; open the address above in one.");
        }
        out.flush();
        return 0;
    }

    private static boolean answers(URI livez) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(livez).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
