package dev.headroom.compress.table;

import dev.headroom.compress.query.QueryTerms;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class RowSelectorTest {

    private static RowSet rows(int n, String query, RowEditor editor) {
        RowSet set = new RowSet(QueryTerms.of(query));
        for (int i = 0; i < n; i++) {
            set.addRow();
            String status = "ok";
            double latency = 100 + (i * 37 % 11);
            String name = "host-" + i;
            String[] edited = editor.edit(i, new String[] {status, Double.toString(latency), name});
            set.value("status", edited[0], false);
            set.signal("status=" + edited[0], Severity.classify("status", edited[0], Severity.ValueKind.STRING), 3);
            set.value("latency", edited[1], true);
            set.value("name", edited[2], false);
            set.text(edited[2]);
        }
        set.finish();
        return set;
    }

    interface RowEditor {
        String[] edit(int row, String[] cells);
    }

    private static final RowSelector.Budget BUDGET = new RowSelector.Budget(8, 20, 2);

    @Test
    void keepsSmallArraysWhole() {
        int[] kept = RowSelector.select(rows(8, "", (i, c) -> c), 0, 8, BUDGET);

        assertThat(kept).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void keepsFirstLastErrorsOutliersAndQueryMatches() {
        RowSet set = rows(1000, "gateway-7", (i, c) -> {
            if (i == 400) {
                c[0] = "error";
            }
            if (i == 600) {
                c[1] = "9999";
            }
            if (i == 800) {
                c[2] = "gateway-7";
            }
            return c;
        });
        int[] kept = RowSelector.select(set, 0, 1000, BUDGET);

        assertThat(kept).contains(0, 1, 400, 600, 800, 999);
        assertThat(kept.length).isLessThanOrEqualTo(BUDGET.rows() + 3);
        assertThat(kept).isSorted();
    }

    @Test
    void capsErrorsWhenMostRowsFailAlike() {
        RowSet set = rows(500, "", (i, c) -> {
            if (i % 50 == 0) {
                c[0] = "failed";
            }
            return c;
        });
        int[] kept = RowSelector.select(set, 0, 500, new RowSelector.Budget(4, 5, 1));

        assertThat(Arrays.stream(kept).filter(i -> i % 50 == 0).count()).isEqualTo(5);
    }

    @Test
    void discountsASignalThatMostRowsShare() {
        RowSet set = rows(100, "", (i, c) -> {
            c[0] = i == 42 ? "ok" : "warning";
            return c;
        });

        assertThat(set.level(3)).isEqualTo(Severity.NONE);
    }

    @Test
    void selectsTheSameRowsEveryTime() {
        RowSet set = rows(5000, "host-1234", (i, c) -> c);
        int[] first = RowSelector.select(set, 0, 5000, BUDGET);
        int[] second = RowSelector.select(set, 0, 5000, BUDGET, new BitSet(), new BitSet());

        assertThat(second).containsExactly(first);
        assertThat(first).contains(1234);
    }
}
