package org.carechat.adapter.sqlite;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;

/**
 * Who is in care with whom, in SQLite ({@link CareRelationshipRows}): one row per patient and clinician, kept
 * after the relationship ended or was revoked. A save replaces the pair's row; the last save wins. Reads answer
 * from the committed copy in memory ({@link CommittedPeople}).
 */
final class SqliteCareRelationships implements CareRelationshipStore {
    private final SqliteWriter writer;
    private final CommittedPeople people;

    SqliteCareRelationships(SqliteWriter writer, CommittedPeople people) {
        this.writer = writer;
        this.people = people;
    }

    @Override
    public void save(CareRelationship relationship) {
        Objects.requireNonNull(relationship, "relationship");
        writer.write("save a care relationship", session -> {
            CareRelationshipRows.save(session, relationship);
            return people.saved(List.of(), List.of(relationship));
        });
    }

    @Override
    public Optional<CareRelationship> between(UserId patient, UserId clinician) {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(clinician, "clinician");
        return people.between(patient, clinician);
    }

    @Override
    public List<CareRelationship> involving(UserId user) {
        Objects.requireNonNull(user, "user");
        return people.involving(user);
    }
}
