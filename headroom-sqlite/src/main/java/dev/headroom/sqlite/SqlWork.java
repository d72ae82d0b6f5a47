package dev.headroom.sqlite;

import java.sql.SQLException;

/** Statements to run inside one transaction ({@link SqliteDatabase#transaction}). */
@FunctionalInterface
public interface SqlWork {

    /** Runs the statements; throwing rolls the transaction back. */
    void run() throws SQLException;
}
