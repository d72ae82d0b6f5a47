package dev.headroom.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Fails the build when a published module is missing from headroom-bom. */
class BomListsEveryModuleTest {
    private static final Path ROOT = Path.of("..");

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void bomManagesEveryPublishedModule() throws IOException {
        String reactor = Files.readString(ROOT.resolve("pom.xml"));
        List<String> modules = all(Pattern.compile("<module>([^<]+)</module>"), reactor);
        List<String> published = modules.stream()
                .filter(m -> m.startsWith("headroom-") && !m.equals("headroom-bom")).toList();
        assertThat(published).contains("headroom-core", "headroom-cli");

        String bom = Files.readString(ROOT.resolve("headroom-bom/pom.xml"));
        List<String> managed = all(Pattern.compile("<artifactId>(headroom-[^<]+)</artifactId>"), bom);
        assertThat(managed).as("artifacts in headroom-bom").containsAll(published);
        for (String module : published) {
            String modulePom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            assertThat(modulePom).as("%s/pom.xml declares its artifactId", module)
                    .contains("<artifactId>" + module + "</artifactId>");
        }
    }
}
