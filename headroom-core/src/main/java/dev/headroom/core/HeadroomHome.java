package dev.headroom.core;

import java.nio.file.Path;

/**
 * The directory where Headroom keeps its files (retrieval store, savings history, plugin sinks' files):
 * {@code $HEADROOM_HOME}, else {@code $HOME/.headroom}, else {@code .headroom} under the JVM's
 * {@code user.home}.
 */
public final class HeadroomHome {
    private HeadroomHome() {
    }

    /** The directory; it may not exist yet. */
    public static Path directory() {
        String headroomHome = System.getenv("HEADROOM_HOME");
        if (headroomHome != null && !headroomHome.isBlank()) {
            return Path.of(headroomHome);
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".headroom");
    }

    /** {@code name} inside {@link #directory()}. */
    public static Path file(String name) {
        return directory().resolve(name);
    }
}
