package dev.headroom.ccr;

import java.nio.file.Path;

/** Run in a separate JVM by {@link SqliteRetentionStoreTest}: writes originals to a shared store file. */
public final class StoreWriterProcess {
    private StoreWriterProcess() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
            for (int i = 0; i < count; i++) {
                store.put(SqliteRetentionStoreTest.original(prefix, i));
            }
        }
    }
}
