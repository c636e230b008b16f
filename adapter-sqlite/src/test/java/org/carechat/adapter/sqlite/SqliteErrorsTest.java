package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.carechat.application.port.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Which SQLite failures mean "the store is unavailable now" and which are bugs. */
final class SqliteErrorsTest {
    @Test
    void failures_of_the_file_or_the_machine_are_unavailable_and_name_their_code() {
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_IOERR_WRITE,
                SQLiteErrorCode.SQLITE_IOERR_FSYNC, SQLiteErrorCode.SQLITE_READONLY, SQLiteErrorCode.SQLITE_BUSY,
                SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_CANTOPEN, SQLiteErrorCode.SQLITE_CORRUPT,
                SQLiteErrorCode.SQLITE_NOTADB, SQLiteErrorCode.SQLITE_NOMEM}) {
            RuntimeException translated = SqliteErrors.translate("append a message", new SQLiteException("x", code));

            assertThat(translated).as(code.name()).isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("the database could not append a message (" + code.name() + ")");
        }
    }

    @Test
    void refused_statements_and_broken_constraints_are_bugs() {
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {SQLiteErrorCode.SQLITE_ERROR,
                SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, SQLiteErrorCode.SQLITE_MISMATCH, SQLiteErrorCode.SQLITE_RANGE}) {
            assertThat(SqliteErrors.translate("save", new SQLiteException("x", code))).as(code.name())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(code.name());
        }
        assertThat(SqliteErrors.translate("save", new SQLException("statement is not executing")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("result code 0");
    }

    @Test
    void a_plain_sql_exception_is_judged_by_its_vendor_code() {
        assertThat(SqliteErrors.translate("read", new SQLException("disk I/O error", null, 10)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("SQLITE_IOERR");
    }
}
