package dev.headroom.cli;

import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.stats.CompositeStatsSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** {@code headroom dashboard} against a real proxy on loopback. */
@Timeout(60)
class DashboardCommandIT {
    private ProxyServer proxy;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).build(),
                GatewayConfig.builder().build(), Backends.discover(DashboardCommandIT.class.getClassLoader()),
                new CompositeStatsSink(List.of()));
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private int run(CommandLine cl, String... args) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void printsTheUrlOfARunningProxyWithoutOpeningABrowser() {
        int code = run(HeadroomCli.commandLine(), "dashboard", "--port", Integer.toString(proxy.port()), "--no-open");
        assertThat(code).isEqualTo(0);
        assertThat(out.toString().strip()).isEqualTo("http://127.0.0.1:" + proxy.port() + "/dashboard");
    }

    @Test
    void opensTheDashboardInTheBrowserUnlessToldNotTo() {
        List<URI> opened = new ArrayList<>();
        DashboardCommand command = new DashboardCommand();
        command.opener = uri -> opened.add(uri);
        int code = run(new CommandLine(command), "--port", Integer.toString(proxy.port()));
        assertThat(code).isEqualTo(0);
        assertThat(opened).containsExactly(URI.create("http://127.0.0.1:" + proxy.port() + "/dashboard"));
        assertThat(out.toString()).contains("Opened in your browser.");
    }

    @Test
    void saysSoWhenNoBrowserCanBeOpened() {
        DashboardCommand command = new DashboardCommand();
        command.opener = uri -> false;
        assertThat(run(new CommandLine(command), "--port", Integer.toString(proxy.port()))).isEqualTo(0);
        assertThat(out.toString()).contains("/dashboard").contains("No browser could be opened here");
    }

    @Test
    void desktopOpenerNeverThrowsOnAHeadlessMachine() {
        String previous = System.getProperty("java.awt.headless");
        System.setProperty("java.awt.headless", "true");
        try {
            assertThatCode(() -> assertThat(BrowserOpener.desktop().open(URI.create("http://127.0.0.1:1/dashboard"))).isFalse())
                    .doesNotThrowAnyException();
        } finally {
            if (previous == null) {
                System.clearProperty("java.awt.headless");
            } else {
                System.setProperty("java.awt.headless", previous);
            }
        }
    }

    @Test
    void failsWithExitTwoAndAHintWhenNoProxyAnswers() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        int code = run(HeadroomCli.commandLine(), "dashboard", "--port", Integer.toString(free), "--no-open");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no Headroom proxy answers at http://127.0.0.1:" + free)
                .contains("headroom proxy --port " + free);
        assertThat(out.toString()).isEmpty();
    }
}
