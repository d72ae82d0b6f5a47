package dev.headroom.memory.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Which memories a request sees, and the file that holds them under {@code <home>/memory/}:
 * {@code project} (default) one file per workspace, {@code projects/<sha256 of the project, 16 hex>.db};
 * {@code user} one file per user, {@code user.db}; {@code global} one shared file, {@code global.db}.
 */
public enum MemoryStorage {
    PROJECT, USER, GLOBAL;

    /** Parses {@code project}, {@code user} or {@code global}. */
    public static MemoryStorage parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("memory storage must be project, user or global, got '" + s + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file of this storage; {@code project} is needed (and only used) under {@link #PROJECT}. */
    public Path file(Path home, Optional<String> project) {
        Path dir = home.resolve("memory");
        return switch (this) {
            case PROJECT -> dir.resolve("projects").resolve(projectHash(project.orElseThrow(
                    () -> new IllegalArgumentException("project storage needs a project"))) + ".db");
            case USER -> dir.resolve("user.db");
            case GLOBAL -> dir.resolve("global.db");
        };
    }

    /** The scope recorded on the memories of this storage. */
    public String scope(Optional<String> project) {
        return this == PROJECT ? "project:" + project.orElseThrow() : label();
    }

    static String projectHash(String project) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(project.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
