package org.carechat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.sql.SQLException;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.RoleKind;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/** The {@code directory} table: one row per user; the role keeps its name and the kind the care policy reads. */
final class DirectoryRows {
    static final String SAVE = "INSERT INTO directory (id, name, role, role_kind, specialty) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,"
            + " role_kind = excluded.role_kind, specialty = excluded.specialty";
    static final String ALL = "SELECT id, name, role, role_kind, specialty FROM directory";

    private DirectoryRows() {
    }

    static void save(Session session, User user) throws SQLException {
        PreparedStatement statement = session.prepared(SAVE);
        statement.setString(1, user.id().value());
        statement.setString(2, user.name());
        statement.setString(3, user.role().name());
        statement.setString(4, user.role().kind().name());
        Columns.bindText(statement, 5, user.specialty());
        statement.executeUpdate();
    }

    /** Every entry, in no order. */
    static List<User> all(Session session) throws SQLException {
        List<User> found = new ArrayList<>();
        try (ResultSet rows = session.prepared(ALL).executeQuery()) {
            while (rows.next()) {
                found.add(read(rows));
            }
        }
        return found;
    }

    private static User read(ResultSet rows) throws SQLException {
        Role role = new Role(Columns.requiredText(rows, 3), RoleKind.valueOf(Columns.requiredText(rows, 4)));
        return new User(UserId.of(Columns.requiredText(rows, 1)), Columns.requiredText(rows, 2), role, rows.getString(5));
    }
}
