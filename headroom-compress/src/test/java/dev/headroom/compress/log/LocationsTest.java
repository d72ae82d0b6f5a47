package dev.headroom.compress.log;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocationsTest {

    @Test
    void writesTheCommonDirectoryOnceAndGroupsFilesBySubdirectory() {
        List<String> locations = List.of("/w/src/main/A.java:[1]", "/w/src/main/B.java:[1]", "/w/src/test/C.java:[4]");

        assertThat(Locations.compact(locations, 40)).isEqualTo("/w/src/{main/{A.java:[1], B.java:[1]}, test/C.java:[4]}");
    }

    @Test
    void countsLocationsBeyondTheLimit() {
        List<String> locations = List.of("a.rs:1:1", "b.rs:2:2", "c.rs:3:3");

        assertThat(Locations.compact(locations, 2)).isEqualTo("a.rs:1:1, b.rs:2:2, … +1 more");
    }
}
