package dev.headroom.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Console logging for the command line: one line per message, and only warnings from the HTTP server
 * libraries (Jetty and Javalin log their start-up at INFO). Headroom's own loggers keep INFO.
 */
final class Logging {
    /** Strong references: java.util.logging forgets the level of a logger that was garbage-collected. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.eclipse.jetty"), Logger.getLogger("io.javalin"));

    private Logging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
