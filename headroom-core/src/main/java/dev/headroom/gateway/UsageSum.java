package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Adds provider usage objects field by field, for answers served in several upstream rounds: numbers are
 * summed (nested objects such as {@code prompt_tokens_details} too), other values are kept from the target.
 * The target's key order is kept; fields only the addend has are appended.
 */
final class UsageSum {
    private UsageSum() {
    }

    /** Adds {@code addend} into {@code target}. */
    static void addInto(ObjectNode target, JsonNode addend) {
        if (addend == null || !addend.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : addend.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(name);
            if (current == null || current.isNull()) {
                target.set(name, value.deepCopy());
            } else if (current.isIntegralNumber() && value.isIntegralNumber()) {
                target.put(name, current.bigIntegerValue().add(value.bigIntegerValue()));
            } else if (current.isNumber() && value.isNumber()) {
                target.put(name, current.decimalValue().add(value.decimalValue()));
            } else if (current.isObject() && value.isObject()) {
                addInto((ObjectNode) current, value);
            }
        }
    }

    /** Copies every field of {@code source} over {@code target} (later usage reports replace earlier ones). */
    static void overwrite(ObjectNode target, JsonNode source) {
        if (source != null && source.isObject()) {
            source.properties().forEach(e -> target.set(e.getKey(), e.getValue().deepCopy()));
        }
    }
}
