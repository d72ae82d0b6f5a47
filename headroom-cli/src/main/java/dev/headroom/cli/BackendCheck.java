package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The doctor's {@code backend} line, from {@code /health}'s {@code config.backend}: who serves Anthropic-format
 * clients and whether the credentials it reads are set in the proxy's environment (names only, never values).
 * A required credential that is missing is a failure: every model request would be refused. For {@code bedrock},
 * whether the AWS credentials chain finds credentials (environment, profile, SSO, role).
 */
final class BackendCheck {
    private BackendCheck() {
    }

    static DoctorCheck check(JsonNode health) {
        JsonNode b = health.path("config").path("backend");
        if (b.isMissingNode()) {
            return DoctorCheck.ok("backend", "anthropic (this proxy predates --backend)");
        }
        String name = b.path("name").asText("anthropic");
        List<String> variables = new ArrayList<>();
        b.path("credential_variables").forEach(v -> variables.add(v.asText()));
        String where = b.path("url").isTextual() ? " at " + b.path("url").asText() : "";
        String detail = name + where + (b.path("dialect").asText().equals("openai_chat") ? ", translated to OpenAI Chat" : "");
        if (variables.isEmpty()) {
            return DoctorCheck.ok("backend", detail + (name.equals("anthropic") ? "; clients send their own API keys" : ""));
        }
        if (b.path("dialect").asText().equals("bedrock_invoke")) {
            return bedrock(b, detail + ", Bedrock InvokeModel signed with SigV4");
        }
        String names = String.join(", ", variables);
        if (b.path("credentials_present").asBoolean()) {
            return DoctorCheck.ok("backend", detail + "; " + names + " set in the proxy's environment");
        }
        if (b.path("credentials_required").asBoolean()) {
            return DoctorCheck.failure("backend", detail + "; " + names + " is not set in the proxy's environment, so "
                    + "every model request is refused", "export " + variables.get(0) + "=… and restart the proxy");
        }
        return DoctorCheck.ok("backend", detail + "; " + names + " not set (optional: the server takes no key)");
    }

    /** Bedrock's credentials come from the AWS chain (variables, profiles, SSO, roles): found or not, never shown. */
    private static DoctorCheck bedrock(JsonNode b, String detail) {
        if (b.path("credentials_present").asBoolean()) {
            return DoctorCheck.ok("backend", detail + "; AWS credentials found by the proxy's AWS credentials chain");
        }
        return DoctorCheck.failure("backend", detail + "; the proxy finds no AWS credentials (AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws, SSO or a role), so every model request is refused",
                "export AWS_PROFILE=… (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and restart the proxy");
    }
}
