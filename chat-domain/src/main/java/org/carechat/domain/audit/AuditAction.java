package org.carechat.domain.audit;

import java.util.Locale;

/** What an audited caller did. Reads of health data are audited like writes. */
public enum AuditAction {
    MESSAGE_SEND,
    MESSAGE_EDIT,
    MESSAGE_DELETE,
    REACTION_ADD,
    REACTION_REMOVE,
    /** A recipient acknowledged an urgent message. */
    MESSAGE_ACKNOWLEDGE,
    /** An urgent message nobody acknowledged was told again to its recipients, by CareChat ({@code carechat:urgent}). */
    URGENT_REMIND,
    /**
     * An urgent message nobody acknowledged, even after a reminder, was handed on to the escalation contacts (each a
     * {@code user:} target), by CareChat ({@code carechat:urgent}).
     */
    URGENT_ESCALATE,
    HISTORY_READ,
    CONVERSATION_LIST,
    CONVERSATION_READ,
    CONVERSATION_OPEN,
    MARK_DELIVERED,
    MARK_READ,
    CONVERSATION_MUTE,
    CONVERSATION_PIN,
    MESSAGE_SEARCH,
    ATTACHMENT_UPLOAD,
    ATTACHMENT_DOWNLOAD,
    /** A short-lived link to download a file was handed out (each use of it is an {@link #ATTACHMENT_DOWNLOAD}). */
    ATTACHMENT_LINK,
    /** An upload that no message carried for the retention time was deleted, by CareChat itself. */
    ATTACHMENT_EXPIRE,
    CALL_REQUEST,
    CALL_ACCEPT,
    CALL_REJECT,
    CALL_END,
    CALL_TERMINATE,
    CALL_HISTORY_READ,
    CONTACTS_READ,
    PRESENCE_READ,
    UNREAD_COUNT_READ,
    AUTHENTICATION,
    USER_UPSERT,
    CARE_RELATIONSHIP_OPEN,
    CARE_RELATIONSHIP_REVOKE,
    AUDIT_READ,
    /** A page of a conversation was exported for the chart (a FHIR Bundle), by an admin or a service. */
    CONVERSATION_EXPORT,
    /**
     * A clinician without a care relationship opened read-only access to a patient's conversations, stating a
     * reason (targets {@code access:break_glass}, {@code break_glass:<patient>}, {@code reason:...},
     * {@code until:...}); each read under it carries {@code via:break_glass}.
     */
    BREAK_GLASS_OPEN,
    /** The retention purged a message (it is a tombstone now), by CareChat itself; never its content. */
    MESSAGE_PURGE,
    /** The audit retention deleted the entries older than it, by CareChat itself (targets {@code count:<n>}). */
    AUDIT_PURGE,
    /** An admin placed a legal hold on a patient or a conversation (the entry is the hold: see docs/operations.md). */
    LEGAL_HOLD_PLACE,
    /** An admin lifted a legal hold. */
    LEGAL_HOLD_LIFT,
    /** An admin listed the legal holds. */
    LEGAL_HOLD_LIST,
    /** An admin gave a conversation a retention period of its own. */
    RETENTION_SET,
    /** An admin took a conversation's own retention period away: the deployment's applies again. */
    RETENTION_CLEAR;

    /** The name on the wire, worked out once: it is written into every event and record that carries it. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
