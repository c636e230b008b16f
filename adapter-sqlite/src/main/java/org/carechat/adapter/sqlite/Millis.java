package org.carechat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as stored: whole milliseconds since the epoch (UTC) in an {@code INTEGER} column, exactly what
 * adapter-mongo keeps (a BSON date), so the two stores answer the same instants. What is finer is cut off; a
 * stored object is answered as it reads back ({@link #stored}).
 */
final class Millis {
    private Millis() {
    }

    static Instant stored(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }

    /**
     * The first stored millisecond at or after {@code instant}: a bound of a range over stored instants that
     * includes exactly those at or after {@code instant}.
     */
    static long roundedUp(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MILLIS);
        return truncated.equals(instant) ? truncated.toEpochMilli() : truncated.toEpochMilli() + 1;
    }

    static void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    static Instant read(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Instant required(ResultSet rows, int column) throws SQLException {
        Instant instant = read(rows, column);
        if (instant == null) {
            throw new IllegalStateException("a stored instant is missing (column " + column + ")");
        }
        return instant;
    }
}
