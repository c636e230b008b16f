package org.carechat.adapter.sqlite;

import java.sql.SQLException;
import java.util.Map;
import org.carechat.application.port.StoreUnavailableException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one place that decides what an SQLite failure means. A failure of the file or of the machine under it
 * (disk full, I/O error, file read-only or unreadable, out of memory, locked by something else, corrupt)
 * becomes a {@link StoreUnavailableException}, which use cases answer as {@code UNAVAILABLE}: nothing was
 * stored, and the same store works again once the cause is gone. Anything else (a statement SQLite refuses, a
 * broken constraint) is a bug and becomes an {@link IllegalStateException}. Messages name the operation and
 * SQLite's result code only: never a value, so never content.
 */
final class SqliteErrors {
    /** SQLite's primary result codes that say "the file or the machine cannot do it now". */
    private static final Map<Integer, String> UNAVAILABLE = Map.ofEntries(
            Map.entry(5, "SQLITE_BUSY"),
            Map.entry(6, "SQLITE_LOCKED"),
            Map.entry(7, "SQLITE_NOMEM"),
            Map.entry(8, "SQLITE_READONLY"),
            Map.entry(9, "SQLITE_INTERRUPT"),
            Map.entry(10, "SQLITE_IOERR"),
            Map.entry(11, "SQLITE_CORRUPT"),
            Map.entry(13, "SQLITE_FULL"),
            Map.entry(14, "SQLITE_CANTOPEN"),
            Map.entry(15, "SQLITE_PROTOCOL"),
            Map.entry(22, "SQLITE_NOLFS"),
            Map.entry(26, "SQLITE_NOTADB"));

    private SqliteErrors() {
    }

    static RuntimeException translate(String operation, SQLException e) {
        if (isUnavailable(e)) {
            return new StoreUnavailableException("the database could not " + operation + " (" + code(e) + ")", e);
        }
        return new IllegalStateException("the database refused to " + operation + " (" + code(e) + ")", e);
    }

    /** Whether a statement was refused by a unique index or primary key: the row it would write is taken. */
    static boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }

    static boolean isUnavailable(SQLException e) {
        return UNAVAILABLE.containsKey(primaryCode(e));
    }

    /** SQLite's name of the failure, extended where sqlite-jdbc tells it ({@code SQLITE_IOERR_WRITE}). */
    static String code(SQLException e) {
        if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != null
                && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            return sqlite.getResultCode().name();
        }
        return UNAVAILABLE.getOrDefault(primaryCode(e), "SQLite result code " + e.getErrorCode());
    }

    private static int primaryCode(SQLException e) {
        if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != null
                && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            return sqlite.getResultCode().code & 0xFF;
        }
        return e.getErrorCode() & 0xFF;
    }
}
