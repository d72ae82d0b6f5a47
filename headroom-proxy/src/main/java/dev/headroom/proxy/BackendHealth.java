package dev.headroom.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.MessagesUpstream;

import java.util.Locale;

/**
 * {@code /health}'s {@code config.backend}: which backend serves the Anthropic Messages routes, what its upstream
 * speaks, where it is, and which credential variables it reads and whether they are set — never their values.
 */
final class BackendHealth {
    private BackendHealth() {
    }

    static void put(ObjectNode o, MessagesUpstream messages) {
        o.put("name", messages.name());
        o.put("dialect", messages.dialect().name().toLowerCase(Locale.ROOT));
        messages.baseUrl().ifPresent(u -> o.put("url", u.toString()));
        ArrayNode variables = o.putArray("credential_variables");
        messages.credentialVariables().forEach(variables::add);
        o.put("credentials_required", messages.credentialsRequired());
        o.put("credentials_present", messages.credentialsSet());
    }
}
