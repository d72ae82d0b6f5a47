package dev.headroom.compress.json;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a rendering shows every key and scalar value of its input, exactly as written. */
final class FaithfulValues {
    private FaithfulValues() {
    }

    static void assertEveryValueShown(String input, String output, String label) {
        Document doc = JsonReader.read(input);
        assertThat(doc).as("%s parses", label).isNotNull();
        visit(doc.root(), output, label);
    }

    private static void visit(Json node, String output, String label) {
        if (node instanceof Json.Obj obj) {
            for (int i = 0; i < obj.size(); i++) {
                assertShown(obj.keys.get(i), output, label);
                visit(obj.values.get(i), output, label);
            }
        } else if (node instanceof Json.Arr arr) {
            for (Json item : arr.items) {
                visit(item, output, label);
            }
        } else if (node instanceof Json.Str s) {
            assertShown(s.value(), output, label);
        } else if (node instanceof Json.Num n) {
            assertThat(output).as("%s shows number %s", label, n.text()).contains(n.text());
        }
    }

    private static void assertShown(String value, String output, String label) {
        StringBuilder quoted = new StringBuilder();
        JsonText.quote(value, quoted);
        String inner = quoted.substring(1, quoted.length() - 1);
        assertThat(output.contains(value) || output.contains(inner))
                .as("%s shows %s", label, value.length() > 80 ? value.substring(0, 80) + "…" : value).isTrue();
    }
}
