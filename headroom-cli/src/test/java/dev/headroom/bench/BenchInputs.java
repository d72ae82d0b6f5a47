package dev.headroom.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.testkit.Corpus;
import dev.headroom.wire.JsonCodec;

import java.util.Locale;

/** Deterministic benchmark inputs: JSON arrays, a 1 MB log and a 100K-token agent request. */
public final class BenchInputs {
    private BenchInputs() {
    }

    /** A JSON array of {@code n} pod-like objects with one failed item. */
    public static String jsonArray(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":\"api-%d-7f9c\",\"namespace\":\"prod\",\"status\":\"%s\",\"restarts\":%d,"
                            + "\"cpu_millicores\":%d,\"memory_mib\":%.1f,\"node\":\"node-%d\",\"started\":\"2026-11-26T09:%02d:%02dZ\"}",
                    i, i == n / 3 ? "Failed" : "Running", i % 4, 100 + (i * 37) % 400, 256 + (i * 13) % 512 / 10.0, i % 12,
                    (i / 60) % 60, i % 60));
        }
        return sb.append(']').toString();
    }

    /** About {@code bytes} of service log with a few errors. */
    public static String log(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 200);
        int i = 0;
        while (sb.length() < bytes) {
            String time = String.format(Locale.ROOT, "2026-11-26T%02d:%02d:%02d.%03dZ", (i / 3600) % 24, (i / 60) % 60, i % 60, (i * 7) % 1000);
            if (i % 997 == 500) {
                sb.append(time).append(" ERROR orders-api payment gateway timeout after 30000ms order=").append(i).append('\n');
            } else {
                sb.append(time).append(" INFO  orders-api GET /api/orders/").append(i % 50).append(" 200 ").append(3 + i % 40).append("ms\n");
            }
            i++;
        }
        return sb.toString();
    }

    /**
     * A Claude-Code-like request of about 100K tokens: a 50 KB system prompt, then turns whose tool results
     * are the corpus's logs, JSON and build output.
     */
    public static String agentRequest() {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("model", "claude-sonnet-4-5");
        root.put("max_tokens", 8192);
        root.put("system", "You are a careful coding agent. Follow the repository conventions. ".repeat(750));
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "The checkout service is failing; find out why and fix it.");
        String[] files = {"logs/k8s-sockshop-catalogue.log", "json/github-issues-list-page.json", "logs/k8s-dns-client-errors.log",
            "build/maven-error-prone.log", "json/sonarqube-api-issues.json", "logs/k8s-multiservice-errors.log",
            "json/grype-vuln-report.json", "build/cmake-ninja-cpp-warnings.log", "json/k8s-kubelet-stats-summary.json",
            "logs/k8s-fraud-service-pino-json.log"};
        for (int i = 0; i < files.length; i++) {
            ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
            use.put("type", "tool_use").put("id", "toolu_" + i).put("name", "Bash").putObject("input").put("command", "cat " + files[i]);
            ObjectNode result = messages.addObject().put("role", "user").putArray("content").addObject();
            result.put("type", "tool_result").put("tool_use_id", "toolu_" + i).put("content", Corpus.read(files[i]));
        }
        return JsonCodec.write(root);
    }
}
