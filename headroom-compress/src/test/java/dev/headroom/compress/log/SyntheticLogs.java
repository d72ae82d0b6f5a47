package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Realistic service-log lines for needle tests, generated from a seed. */
public final class SyntheticLogs {
    private static final String[] PATHS = {"/api/orders", "/api/cart", "/api/users/me", "/health", "/api/catalogue"};
    private static final String[] THREADS = {"http-nio-8080-exec-1", "http-nio-8080-exec-7", "scheduler-1", "pool-2-thread-3"};

    private SyntheticLogs() {
    }

    /** A timestamp {@code i} tenths of a second after a fixed start. */
    public static String timestamp(int i) {
        int seconds = i / 10;
        return String.format("2025-03-01T%02d:%02d:%02d.%d00Z", 8 + seconds / 3600, seconds / 60 % 60, seconds % 60, i % 10);
    }

    /** {@code n} INFO/DEBUG lines of a handful of shapes with varying values. */
    public static List<String> infoLines(int n, SplittableRandom random) {
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String ts = timestamp(i);
            String thread = THREADS[random.nextInt(THREADS.length)];
            lines.add(switch (random.nextInt(5)) {
                case 0 -> ts + " INFO  [" + thread + "] c.e.web.RequestLog - GET " + PATHS[random.nextInt(PATHS.length)]
                        + " 200 " + random.nextInt(2, 300) + "ms";
                case 1 -> ts + " DEBUG [" + thread + "] c.e.db.Pool - acquired connection " + random.nextInt(1, 50)
                        + " in " + random.nextInt(0, 9) + " ms";
                case 2 -> ts + " INFO  [" + thread + "] c.e.cart.CartService - cart " + Long.toHexString(random.nextLong())
                        + " updated, items=" + random.nextInt(1, 12);
                case 3 -> ts + " INFO  [scheduler-1] c.e.cache.Refresher - refreshed " + random.nextInt(100, 900)
                        + " entries in " + random.nextInt(5, 80) + " ms";
                default -> ts + " DEBUG [" + thread + "] c.e.web.Auth - token ok for user_" + random.nextInt(1000, 9999);
            });
        }
        return lines;
    }

    /** A Java stack trace block with a logged header at {@code ts}. */
    public static List<String> exception(String ts, String orderId) {
        return List.of(
                ts + " ERROR [http-nio-8080-exec-3] c.e.order.OrderService - Failed to place order " + orderId,
                "java.lang.IllegalStateException: inventory reservation rejected for order " + orderId,
                "\tat com.example.order.InventoryClient.reserve(InventoryClient.java:88)",
                "\tat com.example.order.OrderService.place(OrderService.java:142)",
                "\tat com.example.order.OrderController.create(OrderController.java:57)",
                "\tat jdk.internal.reflect.GeneratedMethodAccessor42.invoke(Unknown Source)",
                "\tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:205)",
                "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)",
                "\tat javax.servlet.http.HttpServlet.service(HttpServlet.java:764)",
                "\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
                "\tat org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:61)",
                "\tat java.base/java.lang.Thread.run(Thread.java:833)",
                "Caused by: java.net.SocketTimeoutException: Read timed out",
                "\tat java.base/java.net.SocketInputStream.socketRead0(Native Method)",
                "\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)",
                "\t... 12 more");
    }

    public static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}
