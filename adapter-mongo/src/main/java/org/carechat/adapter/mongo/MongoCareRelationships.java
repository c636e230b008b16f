package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;

/**
 * Who is in care with whom, in MongoDB: one document per patient and clinician ({@link CareRelationshipMapper}),
 * kept after the relationship ended or was revoked. A save is a replace-or-insert of that one document; the
 * unique index on {@code (patient, clinician)} guarantees there is never a second one. Two saves of the same
 * pair racing to insert it are settled by the unique index: the loser retries as a replace. The last save wins,
 * which is what "replacing the relationship" means. {@link #between} is answered from {@link PeopleCopy} while it
 * holds the pair; {@link #involving} always reads.
 */
public final class MongoCareRelationships implements CareRelationshipStore {
    private final MongoCollection<Document> relationships;
    private final PeopleCopy copy;

    MongoCareRelationships(MongoCollection<Document> relationships) {
        this(relationships, PeopleCopy.none());
    }

    MongoCareRelationships(MongoCollection<Document> relationships, PeopleCopy copy) {
        this.relationships = relationships;
        this.copy = copy;
    }

    @Override
    public void save(CareRelationship relationship) {
        Objects.requireNonNull(relationship, "relationship");
        Document document = CareRelationshipMapper.toDocument(relationship);
        try {
            MongoErrors.run("save a care relationship", () -> Upsert.byId(relationships,
                    CareRelationshipMapper.id(relationship.patient(), relationship.clinician()), document));
        } catch (RuntimeException e) {
            copy.forget(relationship);
            throw e;
        }
        copy.saved(relationship);
    }

    @Override
    public Optional<CareRelationship> between(UserId patient, UserId clinician) {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(clinician, "clinician");
        return copy.between(patient, clinician, () -> MongoErrors.call("find a care relationship", () -> Optional
                .ofNullable(relationships.find(new Document(CareRelationshipMapper.PATIENT, patient.value())
                        .append(CareRelationshipMapper.CLINICIAN, clinician.value()))
                .first()).map(CareRelationshipMapper::fromDocument)));
    }

    @Override
    public List<CareRelationship> involving(UserId user) {
        Objects.requireNonNull(user, "user");
        return MongoErrors.call("list care relationships", () -> {
            List<CareRelationship> found = new ArrayList<>();
            relationships.find(or(eq(CareRelationshipMapper.PATIENT, user.value()),
                            eq(CareRelationshipMapper.CLINICIAN, user.value())))
                    .sort(ascending(CareRelationshipMapper.ID))
                    .forEach(document -> found.add(CareRelationshipMapper.fromDocument(document)));
            return List.copyOf(found);
        });
    }
}
