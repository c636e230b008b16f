package org.carechat.adapter.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection and the statements prepared on it, kept for its lifetime: the same few statements run for
 * every message, and preparing one costs more than running it. A session is used by one thread at a time (the
 * writer's thread, or the reader that borrowed it); a statement's result set is closed before the statement is
 * used again.
 *
 * <p>After a statement failed, sqlite-jdbc may leave it unusable ("statement is not executing" on its next use,
 * seen after {@code SQLITE_FULL}): whoever catches a failure calls {@link #discardStatements()}, and the
 * statements are prepared anew when next needed.
 */
final class Session implements AutoCloseable {
    private final Connection connection;
    private final StatementLog log;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private Statement plain;

    Session(Connection connection, StatementLog log) {
        this.connection = connection;
        this.log = log;
    }

    /** The statement for {@code sql}, prepared once per session. */
    PreparedStatement prepared(String sql) throws SQLException {
        log.executing(sql);
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Runs a statement that takes no parameters and answers no rows: a pragma, a transaction boundary, DDL. */
    void execute(String sql) throws SQLException {
        log.executing(sql);
        if (plain == null) {
            plain = connection.createStatement();
        }
        plain.execute(sql);
    }

    /** The single number that a statement without parameters answers ({@code PRAGMA page_count}). */
    long queryLong(String sql) throws SQLException {
        log.executing(sql);
        if (plain == null) {
            plain = connection.createStatement();
        }
        try (ResultSet rows = plain.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException("no answer to " + sql);
            }
            return rows.getLong(1);
        }
    }

    /**
     * A passive checkpoint on this connection: it copies what it can of the log into the file without waiting for
     * the writer or a reader. Answers the frames in the log and how many of them are now copied into the file (both
     * counted from the log's beginning). On a statement of its own, closed with its answer, and not counted by the
     * {@link StatementLog}, which counts what a change runs.
     */
    long[] checkpointPassive() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // busy (0 or 1), frames in the log, frames copied into the file
            return row.next() ? new long[] {row.getLong(2), row.getLong(3)} : new long[] {0, 0};
        }
    }

    Connection connection() {
        return connection;
    }

    /** Closes every statement kept; the next use of each prepares it again. */
    void discardStatements() {
        for (PreparedStatement statement : prepared.values()) {
            closeQuietly(statement);
        }
        prepared.clear();
        closeQuietly(plain);
        plain = null;
    }

    @Override
    public void close() {
        discardStatements();
        try {
            connection.close();
        } catch (SQLException e) {
            // closing is best effort: what was committed is in the file
        }
    }

    private static void closeQuietly(Statement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException e) {
            // nothing to do: the connection closes next
        }
    }
}
