package dev.headroom.compress.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/** Seeded, realistic JSON inputs for SmartCrusher tests. */
final class JsonFixtures {
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};

    private JsonFixtures() {
    }

    /**
     * An array of {@code n} similar service-status objects; {@code edit} may change item {@code i} (to bury a
     * needle).
     */
    static String services(int n, long seed, BiConsumer<Integer, ObjectNode> edit) {
        SplittableRandom random = new SplittableRandom(seed);
        ArrayNode items = JsonCodec.mapper().createArrayNode();
        for (int i = 0; i < n; i++) {
            ObjectNode item = items.addObject();
            item.put("id", 10_000 + i);
            item.put("name", "svc-" + i);
            item.put("kind", "Service");
            item.put("status", "ok");
            item.put("region", REGIONS[i % REGIONS.length]);
            item.put("latency_ms", String.format(Locale.ROOT, "%.1f", 120 + random.nextGaussian() * 8));
            item.put("requests", 1000 + random.nextInt(200));
            item.put("updated", String.format(Locale.ROOT, "2026-11-26T10:%02d:%02dZ", (i / 60) % 60, i % 60));
            ObjectNode owner = item.putObject("owner");
            owner.put("team", "payments");
            owner.put("oncall", i % 2 == 0 ? "alice" : "bob");
            item.putArray("tags").add("prod").add("tier-2");
            item.put("message", "request served");
            edit.accept(i, item);
        }
        return items.toPrettyString();
    }

    /** A Kubernetes-like pod list of {@code n} pods whose containers report their state. */
    static String pods(int n, BiConsumer<Integer, ObjectNode> edit) {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("kind", "PodList");
        root.put("apiVersion", "v1");
        ArrayNode items = root.putArray("items");
        for (int i = 0; i < n; i++) {
            ObjectNode pod = items.addObject();
            ObjectNode meta = pod.putObject("metadata");
            meta.put("name", "worker-" + i);
            meta.put("namespace", "batch");
            meta.put("uid", String.format(Locale.ROOT, "5997ad9b-1d2a-43cf-ab57-%012d", i));
            ObjectNode status = pod.putObject("status");
            status.put("phase", "Running");
            ArrayNode containers = status.putArray("containerStatuses");
            for (String name : new String[] {"app", "sidecar"}) {
                ObjectNode c = containers.addObject();
                c.put("name", name);
                c.put("ready", true);
                c.put("restartCount", 0);
                c.putObject("state").putObject("running").put("startedAt", "2026-11-26T09:00:00Z");
            }
            edit.accept(i, pod);
        }
        return root.toPrettyString();
    }

    /** Pino-style JSON lines: health checks at level 30, with plain lines in between. */
    static String pinoLines(int n, BiConsumer<Integer, StringBuilder> edit) {
        StringBuilder sb = new StringBuilder("stdout:\n");
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder();
            line.append("{\"level\":30,\"time\":").append(1743577959399L + i * 10_000L)
                    .append(",\"pid\":1,\"hostname\":\"fraud-service-54df9b7d75-z6m75\",\"reqId\":\"req-").append(i)
                    .append("\",\"res\":{\"statusCode\":200},\"responseTime\":").append(0.8 + (i % 7) * 0.05)
                    .append(",\"msg\":\"request completed\"}");
            edit.accept(i, line);
            sb.append(line).append('\n');
            if (i % 3 == 0) {
                sb.append("** headers health -> undefined\n");
            }
        }
        return sb.toString();
    }
}
