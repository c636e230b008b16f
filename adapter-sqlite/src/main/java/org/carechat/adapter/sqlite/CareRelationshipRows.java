package org.carechat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;

/**
 * The {@code care_relationships} table: one row per patient and clinician, kept after the relationship ended or
 * was revoked; a save replaces the pair's row.
 */
final class CareRelationshipRows {
    private static final String COLUMNS = "patient, clinician, appointment_id, valid_from, valid_until, revoked_at";
    static final String SAVE = "INSERT INTO care_relationships (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (patient, clinician) DO UPDATE SET appointment_id = excluded.appointment_id,"
            + " valid_from = excluded.valid_from, valid_until = excluded.valid_until, revoked_at = excluded.revoked_at";
    static final String ALL = "SELECT " + COLUMNS + " FROM care_relationships";

    private CareRelationshipRows() {
    }

    static void save(Session session, CareRelationship r) throws SQLException {
        PreparedStatement statement = session.prepared(SAVE);
        statement.setString(1, r.patient().value());
        statement.setString(2, r.clinician().value());
        Columns.bindText(statement, 3, r.appointmentId());
        Millis.bind(statement, 4, r.validFrom());
        Millis.bind(statement, 5, r.validUntil());
        Millis.bind(statement, 6, r.revokedAt());
        statement.executeUpdate();
    }

    /** Every relationship, in no order. */
    static List<CareRelationship> all(Session session) throws SQLException {
        return list(session.prepared(ALL));
    }

    /** The relationship as it reads back: instants in whole milliseconds. */
    static CareRelationship stored(CareRelationship r) {
        return new CareRelationship(r.patient(), r.clinician(), r.appointmentId(), Millis.stored(r.validFrom()),
                Millis.stored(r.validUntil()), Millis.stored(r.revokedAt()));
    }

    private static List<CareRelationship> list(PreparedStatement statement) throws SQLException {
        List<CareRelationship> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new CareRelationship(UserId.of(Columns.requiredText(rows, 1)),
                        UserId.of(Columns.requiredText(rows, 2)), rows.getString(3), Millis.required(rows, 4),
                        Millis.read(rows, 5), Millis.read(rows, 6)));
            }
        }
        return List.copyOf(found);
    }
}
