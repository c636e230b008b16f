package org.carechat.adapter.mongo;

import org.bson.Document;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;

/**
 * A care relationship as a document. Its {@code _id} is {@code patient|clinician} (user ids never contain
 * {@code |}), so there is one document per patient and clinician and saving it again replaces it.
 */
final class CareRelationshipMapper {
    static final String ID = "_id";
    static final String PATIENT = "patient";
    static final String CLINICIAN = "clinician";
    static final String APPOINTMENT_ID = "appointmentId";
    static final String VALID_FROM = "validFrom";
    static final String VALID_UNTIL = "validUntil";
    static final String REVOKED_AT = "revokedAt";

    private CareRelationshipMapper() {
    }

    static String id(UserId patient, UserId clinician) {
        return patient.value() + "|" + clinician.value();
    }

    static Document toDocument(CareRelationship relationship) {
        Document document = new Document(ID, id(relationship.patient(), relationship.clinician()))
                .append(PATIENT, relationship.patient().value())
                .append(CLINICIAN, relationship.clinician().value());
        Fields.putIfPresent(document, APPOINTMENT_ID, relationship.appointmentId());
        document.append(VALID_FROM, Fields.date(relationship.validFrom()));
        Fields.putIfPresent(document, VALID_UNTIL, Fields.date(relationship.validUntil()));
        Fields.putIfPresent(document, REVOKED_AT, Fields.date(relationship.revokedAt()));
        return document;
    }

    static CareRelationship fromDocument(Document document) {
        return new CareRelationship(UserId.of(Fields.requiredString(document, PATIENT)),
                UserId.of(Fields.requiredString(document, CLINICIAN)), Fields.string(document, APPOINTMENT_ID),
                Fields.requiredInstant(document, VALID_FROM), Fields.instant(document, VALID_UNTIL),
                Fields.instant(document, REVOKED_AT));
    }
}
