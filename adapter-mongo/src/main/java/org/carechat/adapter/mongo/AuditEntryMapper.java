package org.carechat.adapter.mongo;

import org.bson.Document;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.user.UserId;

/** An audit entry as a document; its targets are an array, so a query by target matches any of them exactly. */
final class AuditEntryMapper {
    static final String ID = "_id";
    static final String ACTOR = "actor";
    static final String ACTION = "action";
    static final String TARGETS = "targets";
    static final String AT = "at";
    static final String OUTCOME = "outcome";

    private AuditEntryMapper() {
    }

    static Document toDocument(AuditEntry entry) {
        return new Document(ID, entry.id())
                .append(ACTOR, entry.actor().value())
                .append(ACTION, entry.action().name())
                .append(TARGETS, entry.targets())
                .append(AT, Fields.date(entry.at()))
                .append(OUTCOME, entry.outcome());
    }

    static AuditEntry fromDocument(Document document) {
        return new AuditEntry(Fields.requiredString(document, ID), UserId.of(Fields.requiredString(document, ACTOR)),
                AuditAction.valueOf(Fields.requiredString(document, ACTION)), Fields.strings(document, TARGETS),
                Fields.requiredInstant(document, AT), Fields.requiredString(document, OUTCOME));
    }
}
