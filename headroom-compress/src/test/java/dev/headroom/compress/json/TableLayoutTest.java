package dev.headroom.compress.json;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableLayoutTest {

    private static Json.Arr parse(String json) {
        return (Json.Arr) JsonReader.read(json).root();
    }

    private static String write(TableLayout table) {
        StringBuilder sb = new StringBuilder();
        TableWriter.write(table, sb);
        return sb.toString();
    }

    /** A lossy copy of {@code original} keeping the first and last items. */
    private static Json.Arr firstAndLast(Json.Arr original) {
        List<Json> items = new ArrayList<>();
        items.add(original.items.get(0));
        items.add(new Json.Gap(original.items.size() - 2));
        items.add(original.items.get(original.items.size() - 1));
        Json.Arr copy = new Json.Arr(items);
        copy.source = original;
        return copy;
    }

    @Test
    void flattensNestedObjectsWithAStableShape() {
        TableLayout table = TableLayout.of(parse("[{\"m\":{\"a\":1,\"b\":\"x\"},\"n\":1},{\"m\":{\"a\":2,\"b\":\"y\"},\"n\":2}]"), false);

        assertThat(write(table)).isEqualTo("m.a,m.b,n\n1,x,1\n2,y,2\n");
    }

    @Test
    void keepsMapsWithVaryingKeysAsOneCell() {
        TableLayout table = TableLayout.of(parse("[{\"labels\":{\"app\":\"a\"},\"n\":1},{\"labels\":{\"tier\":\"b\",\"zone\":\"c\",\"x\":\"d\"},\"n\":2},"
                + "{\"labels\":{\"k\":\"e\",\"l\":\"f\",\"m\":\"g\",\"o\":\"h\"},\"n\":3}]"), false);

        assertThat(write(table)).startsWith("labels,n\n{\"app\":\"a\"},1\n");
    }

    @Test
    void neverConfusesAnEmptyObjectWithAnAbsentField() {
        TableLayout table = TableLayout.of(parse("[{\"m\":{},\"n\":1},{\"m\":{\"a\":1},\"n\":2},{\"n\":3}]"), false);

        assertThat(write(table)).isEqualTo("m,n\n{},1\n{\"a\":1},2\n,3\n");
    }

    @Test
    void quotesKeysThatAreNotPlainIdentifiers() {
        TableLayout table = TableLayout.of(parse("[{\"a\":{\"x.y\":1,\"+1\":2},\"n\":1},{\"a\":{\"x.y\":3,\"+1\":4},\"n\":2}]"), false);

        assertThat(write(table)).startsWith("a.\"x.y\",a.\"+1\",n\n");
    }

    @Test
    void claimsSharedFieldsForLeftOutItemsOnlyWhenTheyHold() {
        Json.Arr same = parse("[{\"k\":\"Pod\",\"n\":1},{\"k\":\"Pod\",\"n\":2},{\"k\":\"Pod\",\"n\":3},{\"k\":\"Pod\",\"n\":4}]");
        Json.Arr differs = parse("[{\"k\":\"Pod\",\"n\":1},{\"k\":\"Job\",\"n\":2},{\"k\":\"Pod\",\"n\":3},{\"k\":\"Pod\",\"n\":4}]");

        assertThat(write(TableLayout.of(firstAndLast(same), false))).startsWith("same in every row: {\"k\":\"Pod\"}\n");
        assertThat(write(TableLayout.of(firstAndLast(differs), false))).startsWith("same in every row shown: {\"k\":\"Pod\"}\n");
    }

    @Test
    void refusesRowsWithDuplicateKeys() {
        assertThat(TableLayout.of(parse("[{\"a\":1,\"a\":2},{\"a\":3}]"), false)).isNull();
    }
}
