package dev.headroom.compress.html;

import java.util.SplittableRandom;

/** HTML fixtures for the HTML compressor tests. */
final class HtmlSamples {
    private static final String[] WORDS = ("gateway tenant quota request window bucket limit header client "
            + "retry policy burst plan region replica cache token minute second").split(" ");

    private HtmlSamples() {
    }

    /** A documentation page with every kind of boilerplate around its content. */
    static String page() {
        return """
                <!DOCTYPE html>
                <html><head><title>Rate limits - Example Docs</title>
                <style>body { font-family: sans-serif; }</style>
                <script>var tracking = true;</script></head>
                <body>
                <a class="skip-link" href="#main">Skip to content</a>
                <header><nav><ul><li><a href="/">Home</a></li><li><a href="/docs">Docs</a></li></ul></nav></header>
                <div class="cookie-banner">Cookie settings: we use cookies.</div>
                <aside class="sidebar"><h3>Related posts</h3><ul><li>Other page</li></ul></aside>
                <main>
                <div id="toc"><div id="toctitle">On this page</div><ul><li><a href="#limits">Limits</a></li></ul></div>
                <h1>Rate limits</h1>
                <p>The gateway allows <b>1200</b> requests per minute per tenant.
                   For bigger workloads, see the <a href="https://docs.example.com/quotas">quota guide</a> for details.</p>
                <p>Live status: <a href="https://status.example.com">https://status.example.com</a></p>
                <p style="display:none">secret hidden text</p>
                <ul>
                  <li>Requests over the limit get HTTP 429.
                    <ul><li>The <code>Retry-After</code> header says when to retry.</li></ul>
                  </li>
                  <li>Limits are counted per region.</li>
                </ul>
                <table>
                  <thead><tr><th>Plan</th><th>Requests per minute</th><th>Burst</th></tr></thead>
                  <tbody><tr><td>free</td><td>60</td><td>10</td></tr><tr><td>team</td><td>1200</td><td>200</td></tr></tbody>
                </table>
                <pre><code class="language-java">RateLimiter limiter = RateLimiter.create(20.0);
                    if (!limiter.tryAcquire()) {
                        throw new TooManyRequests("slow down");
                    }</code></pre>
                <dl><dt>Returns:</dt><dd>the remaining quota</dd></dl>
                </main>
                <footer><p>Copyright 2025 Example Inc.</p></footer>
                </body></html>
                """;
    }

    /** A long article of generated paragraphs with {@code needle} in one of them. */
    static String longPage(String needle, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int at = random.nextInt(40);
        StringBuilder sb = new StringBuilder("<html><head><title>Limits</title></head><body><article><h1>Limits</h1>");
        for (int p = 0; p < 40; p++) {
            if (p % 8 == 0) {
                sb.append("<h2>Section ").append(p / 8 + 1).append("</h2>");
            }
            sb.append("<p>");
            for (int s = 0; s < 5; s++) {
                if (p == at && s == 2) {
                    sb.append(needle).append(' ');
                }
                sb.append(String.format("The %s of the %s sends a %s to the %s when the %s is %s. ",
                        word(random), word(random), word(random), word(random), word(random), word(random)));
            }
            sb.append("</p>");
        }
        return sb.append("</article></body></html>").toString();
    }

    private static String word(SplittableRandom random) {
        return WORDS[random.nextInt(WORDS.length)];
    }
}
