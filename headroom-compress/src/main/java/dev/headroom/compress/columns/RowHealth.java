package dev.headroom.compress.columns;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a table row reports something other than the healthy steady state. */
final class RowHealth {
    private static final Set<String> HEALTHY = Set.of("running", "completed", "succeeded", "active", "ready", "true",
            "bound", "healthy", "up", "ok", "available", "deployed", "established", "listen", "none", "<none>", "");
    private static final Pattern READY = Pattern.compile("^(\\d+)/(\\d+)$");

    private RowHealth() {
    }

    static boolean abnormal(List<String> columns, List<String> row) {
        for (int c = 0; c < columns.size() && c < row.size(); c++) {
            String column = columns.get(c).toUpperCase(Locale.ROOT);
            String cell = row.get(c);
            if ((column.equals("STATUS") || column.equals("STATE") || column.equals("PHASE") || column.equals("HEALTH"))
                    && !HEALTHY.contains(cell.toLowerCase(Locale.ROOT)) && !cell.toLowerCase(Locale.ROOT).startsWith("up ")) {
                return true;
            }
            if (column.startsWith("RESTARTS") && !cell.isEmpty() && !cell.startsWith("0")) {
                return true;
            }
            if (column.equals("READY")) {
                Matcher m = READY.matcher(cell);
                if (m.matches() && !m.group(1).equals(m.group(2))) {
                    return true;
                }
            }
        }
        return false;
    }
}
