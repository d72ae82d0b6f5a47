package dev.headroom.examples.sdk;

import java.util.StringJoiner;

/** Large, deterministic tool outputs of the kind an agent sends back to the model. */
final class ToolOutputs {
    /** The one line of {@link #buildLog()} that matters. */
    static final String ERROR_LINE =
            "2026-01-01T00:20:34.000Z ERROR [main] OrderServiceTest.refundIsIdempotent FAILED: expected 1 refund but was 2";

    /** The one record of {@link #ordersJson()} that matters. */
    static final String FAILED_ORDER_ID = "ord-00173";

    private ToolOutputs() {
    }

    /** A 2,000-line build log: routine INFO lines and exactly one ERROR line, at line 1,234. */
    static String buildLog() {
        StringJoiner log = new StringJoiner("\n");
        for (int i = 1; i <= 2000; i++) {
            if (i == 1234) {
                log.add(ERROR_LINE);
                continue;
            }
            int seconds = i;
            log.add(String.format("2026-01-01T00:%02d:%02d.000Z INFO  [worker-%d] compiled module-%03d (%d classes) in %d ms",
                    seconds / 60 % 60, seconds % 60, i % 4, i % 250, 10 + i % 37, 100 + i % 53));
        }
        return log.toString();
    }

    /** A JSON array of 300 uniform order records of which exactly one failed. */
    static String ordersJson() {
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (int i = 1; i <= 300; i++) {
            String id = String.format("ord-%05d", i);
            boolean failed = id.equals(FAILED_ORDER_ID);
            json.add(String.format("{\"id\":\"%s\",\"customer\":\"cust-%04d\",\"amount_cents\":%d,\"currency\":\"EUR\","
                            + "\"status\":\"%s\",\"note\":\"%s\"}",
                    id, i % 97, 1000 + i * 7 % 900, failed ? "failed" : "paid",
                    failed ? "card declined: insufficient funds" : "ok"));
        }
        return json.toString();
    }
}
