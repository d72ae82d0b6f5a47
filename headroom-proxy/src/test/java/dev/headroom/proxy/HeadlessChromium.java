package dev.headroom.proxy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Loads a page in Debian's headless {@code chromium} and returns the DOM after a virtual five seconds, with the
 * browser's log. Chromium must be installed ({@code apt-get install chromium}, which {@code .ci/run} does): when it
 * is missing the test fails with that hint, it never passes silently.
 */
final class HeadlessChromium {
    /** What the browser showed and said. */
    record Page(String dom, List<String> console, String log) {
    }

    private HeadlessChromium() {
    }

    static Path binary() {
        String configured = System.getenv("CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return fail("headless Chromium is required for this test but was not found at /usr/bin/chromium "
                + "(or $CHROMIUM); install it with: apt-get update && apt-get install -y chromium");
    }

    /** Loads {@code url} in a fresh profile, in a 1280 × 900 window, and dumps its DOM. */
    static Page load(URI url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("headroom-chromium-");
        Path out = profile.resolve("dom.html");
        Path err = profile.resolve("stderr.log");
        try {
            List<String> command = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.resolve("profile"),
                    "--enable-logging=stderr", "--v=0", "--window-size=1280,900", "--virtual-time-budget=5000", "--dump-dom",
                    url.toString()));
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("chromium did not finish loading " + url + "; its log:\n" + Files.readString(err));
            }
            String log = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail("chromium exited with " + p.exitValue() + "; its log:\n" + log);
            }
            List<String> console = log.lines().filter(l -> l.contains(":CONSOLE")).toList();
            return new Page(Files.readString(out, StandardCharsets.UTF_8), console, log);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
