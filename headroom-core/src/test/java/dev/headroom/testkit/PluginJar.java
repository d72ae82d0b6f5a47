package dev.headroom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The packaged plugin jar of an example module, for its integration test: Failsafe passes its path in the
 * {@code plugin.jar} system property and keeps the plugin's classes off the test's own classpath, so the
 * plugin is reached only through the class loader returned here, as a host application would reach it.
 */
public final class PluginJar {
    private PluginJar() {
    }

    /** The jar's path; fails when the property is missing or the jar was not built. */
    public static Path path() {
        String property = System.getProperty("plugin.jar");
        if (property == null || !Files.isRegularFile(Path.of(property))) {
            throw new IllegalStateException("plugin.jar must name the packaged plugin jar, got " + property);
        }
        return Path.of(property);
    }

    /** A class loader that sees the plugin jar on top of {@code parent} (the host's classpath). */
    public static URLClassLoader onTopOf(ClassLoader parent) {
        try {
            return new URLClassLoader(new URL[] {path().toUri().toURL()}, parent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
