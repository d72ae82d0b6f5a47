package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The doctor's {@code upstreams} line: where the proxy forwards each provider's routes (Anthropic, OpenAI and
 * Gemini, from {@code /health}), and whether Gemini clients are pointed at the proxy
 * ({@code GOOGLE_GEMINI_BASE_URL}, read by Google's Gen AI SDKs). Never shows a credential.
 */
final class UpstreamsCheck {
    static final String GEMINI_BASE_URL = "GOOGLE_GEMINI_BASE_URL";

    private UpstreamsCheck() {
    }

    static DoctorCheck check(JsonNode health, Map<String, String> env, String proxyBase) {
        JsonNode c = health.path("config");
        String detail = "anthropic " + c.path("anthropic_api_url").asText("?") + ", openai "
                + c.path("openai_api_url").asText("?") + ", gemini " + c.path("gemini_api_url").asText("not served by this proxy");
        String gemini = env.get(GEMINI_BASE_URL);
        if (gemini == null || gemini.isBlank()) {
            return DoctorCheck.ok("upstreams", detail + "; Gemini clients reach the proxy with "
                    + GEMINI_BASE_URL + "=" + proxyBase);
        }
        String clean = gemini.strip().replaceAll("/+$", "");
        if (!clean.equals(proxyBase)) {
            return DoctorCheck.warning("upstreams", detail + "; " + GEMINI_BASE_URL + " points elsewhere, so Gemini "
                    + "clients bypass the proxy", "export " + GEMINI_BASE_URL + "=" + proxyBase);
        }
        return DoctorCheck.ok("upstreams", detail + "; " + GEMINI_BASE_URL + " points at the proxy");
    }
}
