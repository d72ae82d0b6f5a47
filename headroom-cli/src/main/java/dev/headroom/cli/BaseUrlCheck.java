package dev.headroom.cli;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a client base-URL variable ({@code ANTHROPIC_BASE_URL}, {@code OPENAI_BASE_URL}) sends clients to
 * the proxy at {@code host:port}: same port, same host (any loopback name counts as any other when the proxy
 * is on loopback), and the path the client's SDK expects ({@code ""} for Anthropic, {@code "/v1"} for OpenAI).
 */
final class BaseUrlCheck {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]", "0:0:0:0:0:0:0:1");

    private BaseUrlCheck() {
    }

    /**
     * @param variable the variable's name
     * @param value    its value, or null when unset
     * @param proxy    the proxy's base, {@code http://host:port}
     * @param path     the path clients of this variable need after the proxy's base: {@code ""} or {@code "/v1"}
     */
    static DoctorCheck check(String variable, String value, String proxyHost, int proxyPort, String path) {
        String expected = "http://" + shown(proxyHost) + ":" + proxyPort + path;
        String fix = "export " + variable + "=" + expected;
        if (value == null || value.isBlank()) {
            return DoctorCheck.warning(variable.toLowerCase(Locale.ROOT), variable + " is not set, so its clients bypass the proxy", fix);
        }
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            return DoctorCheck.warning(variable.toLowerCase(Locale.ROOT), variable + " is not a URL: " + printable(value), fix);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        boolean sameHost = host.equalsIgnoreCase(proxyHost)
                || (LOOPBACK.contains(host) && LOOPBACK.contains(proxyHost.toLowerCase(Locale.ROOT)));
        String shownValue = printable(value);
        if (!sameHost || port != proxyPort || !"http".equalsIgnoreCase(uri.getScheme())) {
            return DoctorCheck.warning(variable.toLowerCase(Locale.ROOT), variable + "=" + shownValue + " does not point at this proxy", fix);
        }
        String actualPath = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (!actualPath.equals(path)) {
            String why = path.isEmpty() ? " has a path; Anthropic clients add /v1 themselves"
                    : " points at the proxy without " + path + "; OpenAI clients need it";
            return DoctorCheck.warning(variable.toLowerCase(Locale.ROOT), variable + "=" + shownValue + why, fix);
        }
        return DoctorCheck.ok(variable.toLowerCase(Locale.ROOT), variable + "=" + shownValue + " points at the proxy");
    }

    static String shown(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The value without any user-info (a URL may carry credentials) and on one line. */
    private static String printable(String value) {
        return value.strip().replaceAll("//[^/@]*@", "//…@").replaceAll("\\s", " ");
    }
}
