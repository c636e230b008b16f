package org.carechat.application.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carechat.application.port.AuditTrail;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.retention.LegalHold;

/**
 * The legal holds and the conversations' own retention periods, read back from the audit trail: a hold is the
 * entry that placed it ({@code legal_hold_place}) until the entry that lifts it, and a conversation's period is
 * its latest {@code retention_set} or {@code retention_clear}. So each is stored with its audit entry as one, on
 * every store, holds across restarts and on every node, and there is none without its record. The audit
 * retention never deletes these entries ({@link #KEPT}).
 */
public final class RetentionRecords {
    /** The actions whose entries are the records: never purged by the audit retention. */
    public static final Set<AuditAction> KEPT = Set.of(AuditAction.LEGAL_HOLD_PLACE, AuditAction.LEGAL_HOLD_LIFT,
            AuditAction.RETENTION_SET, AuditAction.RETENTION_CLEAR);
    /** The target every entry of a hold carries. */
    public static final String HOLDS = "access:legal_hold";
    /** The target every entry of a conversation's period carries. */
    public static final String PERIODS = "access:retention";
    /**
     * The most entries read back; far more than the holds and periods a deployment has. Only an administrator's
     * entries carry the records' targets, so nobody else can crowd them out.
     */
    public static final int MAX_RECORDS = 100_000;

    private final AuditTrail trail;
    private final int maxRecords;

    public RetentionRecords(AuditTrail trail) {
        this(trail, MAX_RECORDS);
    }

    /** Reading back at most {@code maxRecords} entries of each kind. */
    public RetentionRecords(AuditTrail trail, int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive");
        }
        this.trail = trail;
        this.maxRecords = maxRecords;
    }

    /** The targets of a hold's placing entry, from which {@link #holds} reads it back. */
    public static void describe(Unit unit, LegalHold hold) {
        unit.add("access", "legal_hold").add("legal_hold", hold.id())
                .add(hold.kind() == LegalHold.Kind.PATIENT ? "user" : "conversation", hold.targetId())
                .add("reason", hold.reason());
    }

    /** Every hold, active or lifted, newest first. */
    public List<LegalHold> holds() {
        Map<String, LegalHold> byId = new LinkedHashMap<>();
        List<AuditEntry> entries = records(HOLDS);
        for (int i = entries.size() - 1; i >= 0; i--) {
            AuditEntry entry = entries.get(i);
            String id = value(entry, "legal_hold:");
            if (id == null) {
                continue;
            }
            if (entry.action() == AuditAction.LEGAL_HOLD_PLACE) {
                String patient = value(entry, "user:");
                LegalHold.Kind kind = patient != null ? LegalHold.Kind.PATIENT : LegalHold.Kind.CONVERSATION;
                byId.put(id, new LegalHold(id, kind, patient != null ? patient : value(entry, "conversation:"),
                        value(entry, "reason:"), entry.actor(), entry.at(), null, null));
            } else if (entry.action() == AuditAction.LEGAL_HOLD_LIFT && byId.containsKey(id)) {
                byId.computeIfPresent(id, (key, hold) -> hold.active() ? hold.lift(entry.actor(), entry.at()) : hold);
            }
        }
        List<LegalHold> newestFirst = new ArrayList<>(byId.values());
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }

    public List<LegalHold> activeHolds() {
        return holds().stream().filter(LegalHold::active).toList();
    }

    public Optional<LegalHold> hold(String id) {
        return holds().stream().filter(hold -> hold.id().equals(id)).findFirst();
    }

    /** The conversations with a retention period of their own, and that period. */
    public Map<ConversationId, Duration> periods() {
        Map<ConversationId, Duration> latest = new HashMap<>();
        Set<ConversationId> seen = new java.util.HashSet<>();
        for (AuditEntry entry : records(PERIODS)) {
            String conversation = value(entry, "conversation:");
            if (conversation == null || !seen.add(ConversationId.of(conversation))) {
                continue;
            }
            String days = value(entry, "days:");
            if (entry.action() == AuditAction.RETENTION_SET && days != null) {
                latest.put(ConversationId.of(conversation), Duration.ofDays(Long.parseLong(days)));
            }
        }
        return Map.copyOf(latest);
    }

    /**
     * The successful entries carrying {@code target}, newest first. When there are more than can be read back, it
     * refuses to answer rather than answer without the oldest: a hold left unread would let the purge delete what it
     * holds.
     */
    private List<AuditEntry> records(String target) {
        List<AuditEntry> read = trail.query(new AuditTrail.AuditQuery(null, target, null, null, maxRecords));
        if (read.size() >= maxRecords) {
            throw new IllegalStateException("more than " + (maxRecords - 1) + " audit entries carry " + target
                    + ": the legal holds and retention periods cannot all be read, so nothing is purged");
        }
        return read.stream().filter(AuditEntry::succeeded).filter(entry -> KEPT.contains(entry.action())).toList();
    }

    /** The id of the entry's first target of {@code kind} ({@code "user:"}), or null. */
    private static String value(AuditEntry entry, String kind) {
        for (String target : entry.targets()) {
            if (target.startsWith(kind)) {
                return target.substring(kind.length());
            }
        }
        return null;
    }
}
