package dev.headroom.memory.agent;

import dev.headroom.sqlite.SqliteDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The memories of one scope in one SQLite file (WAL, shared by processes, {@link MemorySchema} migrated on
 * open), searched with FTS5 and ranked by BM25. A memory that another {@linkplain Memory#supersedes()
 * supersedes} is kept but no longer searched. Thread-safe: one connection used under the store's lock.
 */
public final class MemoryStore implements AutoCloseable {
    /** Longest memory text kept. */
    public static final int MAX_TEXT_CHARS = 4000;
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9_-]{1,40}");
    private static final String COLUMNS = "m.id, m.text, m.scope, m.category, m.importance, m.created_millis, "
            + "m.updated_millis, m.access_count, m.supersedes, m.learned";

    private final Path file;
    private final String scope;
    private final Clock clock;
    private final Connection connection;

    private MemoryStore(Path file, String scope, Clock clock, Connection connection) {
        this.file = file;
        this.scope = scope;
        this.clock = clock;
        this.connection = connection;
    }

    /**
     * Opens (creating and migrating) {@code file}.
     *
     * @param scope the scope recorded on memories saved through this store
     * @throws MemoryStoreException when it cannot be opened or has a newer schema
     */
    public static MemoryStore open(Path file, String scope, Clock clock) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(clock, "clock");
        Connection c = SqliteDatabase.open(file, MemorySchema.SCHEMA, MemoryStoreException::new);
        return new MemoryStore(file, scope, clock, c);
    }

    public Path file() {
        return file;
    }

    public String scope() {
        return scope;
    }

    /** Saves a new memory; when it supersedes another, that one stops being searched. */
    public synchronized Memory save(String text, String category, double importance, Optional<Long> supersedes,
                                    boolean learned) {
        String t = checkText(text);
        String cat = checkCategory(category);
        double imp = checkImportance(importance);
        long now = clock.millis();
        try {
            long[] id = new long[1];
            SqliteDatabase.transaction(connection, () -> {
                if (supersedes.isPresent()) {
                    try (PreparedStatement s = connection.prepareStatement("UPDATE memories SET superseded = 1 WHERE id = ?")) {
                        s.setLong(1, supersedes.get());
                        if (s.executeUpdate() == 0) {
                            throw new MemoryStoreException("no memory " + supersedes.get() + " to supersede", null);
                        }
                    }
                }
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO memories (text, scope, category, "
                        + "importance, created_millis, updated_millis, supersedes, learned) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, t);
                    s.setString(2, scope);
                    s.setString(3, cat);
                    s.setDouble(4, imp);
                    s.setLong(5, now);
                    s.setLong(6, now);
                    if (supersedes.isPresent()) {
                        s.setLong(7, supersedes.get());
                    } else {
                        s.setNull(7, java.sql.Types.INTEGER);
                    }
                    s.setInt(8, learned ? 1 : 0);
                    s.executeUpdate();
                }
                try (PreparedStatement s = connection.prepareStatement("SELECT last_insert_rowid()");
                     ResultSet rs = s.executeQuery()) {
                    rs.next();
                    id[0] = rs.getLong(1);
                }
            });
            return get(id[0]).orElseThrow();
        } catch (SQLException e) {
            throw error("save", e);
        }
    }

    /** Adds an exported memory as a new one (its times, access count and flag kept); none when its text is here already. */
    public synchronized Optional<Memory> importMemory(Memory m) {
        String t = checkText(m.text());
        try {
            try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM memories WHERE text = ?")) {
                s.setString(1, t);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO memories (text, scope, category, "
                    + "importance, created_millis, updated_millis, access_count, learned) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, t);
                s.setString(2, scope);
                s.setString(3, checkCategory(m.category()));
                s.setDouble(4, checkImportance(m.importance()));
                s.setLong(5, m.created().toEpochMilli());
                s.setLong(6, m.updated().toEpochMilli());
                s.setLong(7, m.accessCount());
                s.setInt(8, m.learned() ? 1 : 0);
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement("SELECT last_insert_rowid()"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return get(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw error("import", e);
        }
    }

    /** The memory with {@code id}, superseded or not. */
    public synchronized Optional<Memory> get(long id) {
        List<Memory> found = query("SELECT " + COLUMNS + " FROM memories m WHERE m.id = ?", List.of(id));
        return found.stream().findFirst();
    }

    /** Changes the text, category or importance (a null leaves it); empty when there is no such memory. */
    public synchronized Optional<Memory> update(long id, String text, String category, Double importance) {
        Optional<Memory> old = get(id);
        if (old.isEmpty()) {
            return old;
        }
        Memory m = old.get();
        try (PreparedStatement s = connection.prepareStatement("UPDATE memories SET text = ?, category = ?, importance = ?, "
                + "updated_millis = ? WHERE id = ?")) {
            s.setString(1, text == null ? m.text() : checkText(text));
            s.setString(2, category == null ? m.category() : checkCategory(category));
            s.setDouble(3, importance == null ? m.importance() : checkImportance(importance));
            s.setLong(4, clock.millis());
            s.setLong(5, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw error("update", e);
        }
        return get(id);
    }

    /** Deletes a memory; false when there was none. */
    public synchronized boolean delete(long id) {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM memories WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw error("delete", e);
        }
    }

    /** Current (not superseded) memories, oldest first, from {@code offset}. */
    public synchronized List<Memory> list(int limit, int offset) {
        return query("SELECT " + COLUMNS + " FROM memories m WHERE m.superseded = 0 ORDER BY m.id LIMIT ? OFFSET ?",
                List.of(limit, offset));
    }

    /** Every memory, superseded ones included, oldest first (for export). */
    public synchronized List<Memory> all() {
        return query("SELECT " + COLUMNS + " FROM memories m ORDER BY m.id", List.of());
    }

    /**
     * The current memories that share words with {@code text}, most relevant first: BM25 over text and
     * category, weighted by importance; ties by id. Empty when {@code text} has no searchable word.
     */
    public synchronized List<Memory> search(String text, int limit) {
        Optional<String> q = FtsQuery.of(text);
        if (q.isEmpty() || limit <= 0) {
            return List.of();
        }
        return query("SELECT " + COLUMNS + " FROM memories_fts f JOIN memories m ON m.id = f.rowid "
                + "WHERE memories_fts MATCH ? AND m.superseded = 0 "
                + "ORDER BY bm25(memories_fts) * (0.5 + m.importance), m.id LIMIT ?", List.of(q.get(), limit));
    }

    /** Counts one more access of each memory (returned by a search, or put into a request). */
    public synchronized void touch(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            SqliteDatabase.transaction(connection, () -> {
                try (PreparedStatement s = connection.prepareStatement("UPDATE memories SET access_count = access_count + 1 WHERE id = ?")) {
                    for (long id : ids) {
                        s.setLong(1, id);
                        s.executeUpdate();
                    }
                }
            });
        } catch (SQLException e) {
            throw error("count accesses in", e);
        }
    }

    /**
     * Deletes superseded memories, and memories never accessed that did not change since {@code unusedSince};
     * returns how many went.
     */
    public synchronized int prune(Instant unusedSince) {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM memories WHERE superseded = 1 "
                + "OR (access_count = 0 AND updated_millis < ?)")) {
            s.setLong(1, unusedSince.toEpochMilli());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw error("prune", e);
        }
    }

    /** How many current memories there are. */
    public synchronized long count() {
        try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM memories WHERE superseded = 0");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw error("count", e);
        }
    }

    /**
     * Records that a candidate fact was seen in {@code evidence} (a tool call id: a conversation resent on every
     * turn shows the same call again, which counts once). Returns the distinct sightings so far.
     */
    public synchronized long sighting(String fact, String category, String evidence) {
        try {
            long[] n = new long[1];
            SqliteDatabase.transaction(connection, () -> {
                try (PreparedStatement s = connection.prepareStatement(
                        "INSERT OR IGNORE INTO learn_evidence (fact, category, evidence) VALUES (?, ?, ?)")) {
                    s.setString(1, fact);
                    s.setString(2, category);
                    s.setString(3, evidence);
                    s.executeUpdate();
                }
                try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM learn_evidence WHERE fact = ?")) {
                    s.setString(1, fact);
                    try (ResultSet rs = s.executeQuery()) {
                        n[0] = rs.next() ? rs.getLong(1) : 0;
                    }
                }
            });
            return n[0];
        } catch (SQLException e) {
            throw error("count evidence in", e);
        }
    }

    /** Whether a current memory has exactly this text. */
    public synchronized boolean containsText(String text) {
        return !query("SELECT " + COLUMNS + " FROM memories m WHERE m.text = ? AND m.superseded = 0", List.of(text)).isEmpty();
    }

    @Override
    public synchronized void close() {
        SqliteDatabase.closeQuietly(connection);
    }

    private List<Memory> query(String sql, List<Object> args) {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<Memory> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long supersedes = rs.getLong(9);
                    Optional<Long> sup = rs.wasNull() ? Optional.empty() : Optional.of(supersedes);
                    out.add(new Memory(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                            Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)), rs.getLong(8), sup,
                            rs.getInt(10) != 0));
                }
            }
            return out;
        } catch (SQLException e) {
            throw error("read", e);
        }
    }

    private static String checkText(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a memory needs a non-empty text");
        }
        if (t.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("a memory holds at most " + MAX_TEXT_CHARS + " characters, got " + t.length());
        }
        return t;
    }

    private static String checkCategory(String category) {
        String c = category == null || category.isBlank() ? "fact" : category.strip().toLowerCase(Locale.ROOT);
        if (!CATEGORY.matcher(c).matches()) {
            throw new IllegalArgumentException("a category is 1 to 40 of a-z, 0-9, _ and -, got '" + clip(c) + "'");
        }
        return c;
    }

    private static double checkImportance(double importance) {
        if (!(importance >= 0 && importance <= 1)) {
            throw new IllegalArgumentException("importance must be in [0, 1], got " + importance);
        }
        return importance;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private MemoryStoreException error(String what, SQLException e) {
        return new MemoryStoreException("could not " + what + " " + file + ": " + e.getMessage(), e);
    }
}
