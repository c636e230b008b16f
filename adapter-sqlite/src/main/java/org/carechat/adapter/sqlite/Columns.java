package org.carechat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Binding and reading the optional values of a row: SQL {@code NULL} for Java's null, and back. */
final class Columns {
    private Columns() {
    }

    static void bindText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static void bindLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }

    static Long readLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    static String requiredText(ResultSet rows, int column) throws SQLException {
        String value = rows.getString(column);
        if (value == null) {
            throw new IllegalStateException("a stored value is missing (column " + column + ")");
        }
        return value;
    }

    static boolean flag(ResultSet rows, int column) throws SQLException {
        return rows.getInt(column) != 0;
    }
}
