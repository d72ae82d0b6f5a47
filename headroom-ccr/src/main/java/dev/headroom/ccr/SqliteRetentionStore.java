package dev.headroom.ccr;

import dev.headroom.core.HeadroomHome;
import dev.headroom.retention.ContentHash;
import dev.headroom.retention.RetentionStore;
import dev.headroom.sqlite.SqliteDatabase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link RetentionStore} in a SQLite file: originals survive restarts and are shared by every process on
 * the machine that opens the same file.
 *
 * <ul>
 *   <li>WAL journal, {@code busy_timeout} and {@code BEGIN IMMEDIATE} writes, so several processes (or several
 *       instances in one process) can write at once without {@code SQLITE_BUSY} failures.</li>
 *   <li>A time to live counted from the last {@link #put}: storing an original again keeps it alive.</li>
 *   <li>A size cap on the stored originals' UTF-8 bytes: beyond it the oldest go first, but the original
 *       just stored always stays, so the marker just issued for it can be redeemed.</li>
 *   <li>A versioned schema ({@code PRAGMA user_version}); a file written by a newer schema is refused rather
 *       than misread.</li>
 * </ul>
 *
 * <p>Thread-safe: one connection per instance, used under the instance's lock. Close it when done.
 */
public final class SqliteRetentionStore implements RetentionStore, AutoCloseable {
    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = RetentionSchema.SCHEMA.current();
    /** Default time to live: 24 hours. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /** Default cap on stored originals: 256 MiB of UTF-8. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    private final Path file;
    private final Duration ttl;
    private final long maxBytes;
    private final Clock clock;
    private final Connection connection;

    /** Opens (creating if needed) {@code file} with the default TTL and size cap. */
    public SqliteRetentionStore(Path file) {
        this(file, DEFAULT_TTL, DEFAULT_MAX_BYTES, Clock.systemUTC());
    }

    /**
     * Opens (creating if needed) a store.
     *
     * @param file     the database file; missing parent directories are created
     * @param ttl      how long an original stays retrievable after it was last stored
     * @param maxBytes cap on the UTF-8 bytes of all originals
     * @param clock    the time source for the TTL
     * @throws RetentionStoreException when the file cannot be opened or has a newer schema
     */
    public SqliteRetentionStore(Path file, Duration ttl, long maxBytes, Clock clock) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero() || maxBytes <= 0) {
            throw new IllegalArgumentException("ttl and maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.connection = SqliteDatabase.open(this.file, RetentionSchema.SCHEMA, RetentionStoreException::new);
    }

    /** Opens the default store, {@link #defaultFile()}, with the default TTL and size cap. */
    public static SqliteRetentionStore openDefault() {
        return new SqliteRetentionStore(defaultFile());
    }

    /** The default database file: {@code ccr.db} in {@link HeadroomHome#directory()}. */
    public static Path defaultFile() {
        return HeadroomHome.file("ccr.db");
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The database file's path. */
    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public synchronized String put(String original) {
        Objects.requireNonNull(original, "original");
        String hash = ContentHash.of(original);
        long now = clock.millis();
        try {
            SqliteDatabase.transaction(connection, () -> {
                upsert(hash, original, now);
                deleteExpired(hash, now);
                enforceCap(Set.of(hash));
            });
        } catch (SQLException e) {
            throw new RetentionStoreException("could not store an original in " + file + ": " + e.getMessage(), e);
        }
        return hash;
    }

    /** Stores every original in one transaction; the cap never removes one of them. */
    @Override
    public synchronized void putAll(List<String> originals) {
        if (originals.isEmpty()) {
            return;
        }
        Map<String, String> byHash = new LinkedHashMap<>();
        originals.forEach(o -> byHash.put(ContentHash.of(Objects.requireNonNull(o, "original")), o));
        long now = clock.millis();
        try {
            SqliteDatabase.transaction(connection, () -> {
                for (Map.Entry<String, String> e : byHash.entrySet()) {
                    upsert(e.getKey(), e.getValue(), now);
                }
                deleteExpired(byHash.keySet().iterator().next(), now);
                enforceCap(byHash.keySet());
            });
        } catch (SQLException e) {
            throw new RetentionStoreException("could not store " + byHash.size() + " originals in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<String> get(String hash) {
        if (!ContentHash.isValid(hash)) {
            return Optional.empty();
        }
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT original FROM retained WHERE hash = ? AND stored_at >= ?")) {
            s.setString(1, hash);
            s.setLong(2, oldestLive(clock.millis()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RetentionStoreException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Number of originals in the file, expired ones not yet removed included. */
    public synchronized int size() {
        return (int) queryLong("SELECT COUNT(*) FROM retained");
    }

    /** UTF-8 bytes of all originals in the file. */
    public synchronized long totalBytes() {
        return queryLong("SELECT COALESCE(SUM(bytes), 0) FROM retained");
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new RetentionStoreException("could not close " + file + ": " + e.getMessage(), e);
        }
    }

    private void upsert(String hash, String original, long now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO retained (hash, original, bytes, stored_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (hash) DO UPDATE SET stored_at = excluded.stored_at")) {
            s.setString(1, hash);
            s.setString(2, original);
            s.setLong(3, original.getBytes(StandardCharsets.UTF_8).length);
            s.setLong(4, now);
            s.executeUpdate();
        }
    }

    private void deleteExpired(String keep, long now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "DELETE FROM retained WHERE stored_at < ? AND hash <> ?")) {
            s.setLong(1, oldestLive(now));
            s.setString(2, keep);
            s.executeUpdate();
        }
    }

    /** Deletes the oldest originals (by time stored, then hash) until the total fits, never one in {@code keep}. */
    private void enforceCap(Set<String> keep) throws SQLException {
        long total = queryLong("SELECT COALESCE(SUM(bytes), 0) FROM retained");
        if (total <= maxBytes) {
            return;
        }
        List<String> victims = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT hash, bytes FROM retained ORDER BY stored_at, hash")) {
            try (ResultSet rs = s.executeQuery()) {
                while (total > maxBytes && rs.next()) {
                    if (!keep.contains(rs.getString(1))) {
                        victims.add(rs.getString(1));
                        total -= rs.getLong(2);
                    }
                }
            }
        }
        try (PreparedStatement d = connection.prepareStatement("DELETE FROM retained WHERE hash = ?")) {
            for (String victim : victims) {
                d.setString(1, victim);
                d.addBatch();
            }
            d.executeBatch();
        }
    }

    private long oldestLive(long now) {
        return now - ttl.toMillis();
    }

    private long queryLong(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new RetentionStoreException("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
