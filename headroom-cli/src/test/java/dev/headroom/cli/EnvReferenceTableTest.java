package dev.headroom.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** README's "Every option's variable" table names every {@code headroom proxy} option and its variables. */
class EnvReferenceTableTest {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:(\\w+)");

    @Test
    void everyProxyOptionAndItsVariableIsInTheReferenceTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### Every option's variable");
        assertThat(start).as("the reference table's heading").isPositive();
        String table = readme.substring(start, readme.indexOf("\n### ", start + 5));
        CommandLine.Model.CommandSpec spec = new CommandLine(new ProxyCommand()).setInterpolateVariables(false).getCommandSpec();
        int options = 0;
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            options++;
            String name = o.longestName().replaceFirst("^--(no-)?", "");
            assertThat(table).as(o.longestName()).containsPattern("\\| `--(\\[no-\\]|no-)?" + Pattern.quote(name) + "[ `/]");
            Matcher m = ENV.matcher(String.valueOf(o.defaultValue()));
            while (m.find()) {
                assertThat(table).as(o.longestName() + "'s variable").contains("`" + m.group(1) + "`");
            }
        }
        assertThat(options).isGreaterThan(30);
        assertThat(table).contains("`HEADROOM_PROXY_TOKEN`");
    }
}
