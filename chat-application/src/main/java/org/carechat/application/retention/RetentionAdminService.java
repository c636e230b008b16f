package org.carechat.application.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.admin.AdminService;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.support.Audit;
import org.carechat.application.support.RetentionRecords;
import org.carechat.application.support.Unit;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.common.Ids;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.retention.LegalHold;
import org.carechat.domain.retention.RetentionPolicy;
import org.carechat.domain.user.UserId;

/**
 * Legal holds and the conversations' own retention periods, for admins and services only. Each change is its
 * audit entry ({@link RetentionRecords}), committed as one; a hold or period of a conversation is changed under the
 * conversation's lock, so a purge of that conversation sees it or has finished.
 */
public final class RetentionAdminService implements PlaceLegalHoldUseCase, LiftLegalHoldUseCase, ListLegalHoldsUseCase,
        SetConversationRetentionUseCase, ClearConversationRetentionUseCase {
    private final Directory directory;
    private final Conversations conversations;
    private final RetentionRecords records;
    private final Audit audit;
    private final IdGenerator ids;
    private final Clock clock;

    public RetentionAdminService(Directory directory, Conversations conversations, RetentionRecords records, Audit audit,
                                 IdGenerator ids, Clock clock) {
        this.directory = directory;
        this.conversations = conversations;
        this.records = records;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Result<LegalHold> place(PlaceLegalHold command) {
        return audit.run(command.actor(), AuditAction.LEGAL_HOLD_PLACE, unit -> {
            AdminService.requireAdministrator(command.actor());
            if ((command.patientId() == null) == (command.conversationId() == null)) {
                throw Refusal.invalid("give a patientId or a conversationId");
            }
            String reason = LegalHold.requireReason(command.reason());
            LegalHold hold;
            String id = "lh_" + ids.newId();
            if (command.patientId() != null) {
                UserId patient = command.patientId();
                directory.find(patient).filter(user -> user.role().isPatient())
                        .orElseThrow(() -> Refusal.notFound("patient"));
                hold = new LegalHold(id, LegalHold.Kind.PATIENT, patient.value(), reason, command.actor().id(),
                        clock.instant(), null, null);
            } else {
                ConversationId conversation = existing(unit, command.conversationId());
                hold = new LegalHold(id, LegalHold.Kind.CONVERSATION, conversation.value(), reason,
                        command.actor().id(), clock.instant(), null, null);
            }
            RetentionRecords.describe(unit, hold);
            return hold;
        });
    }

    @Override
    public Result<LegalHold> lift(LiftLegalHold command) {
        return audit.run(command.actor(), AuditAction.LEGAL_HOLD_LIFT, unit -> {
            AdminService.requireAdministrator(command.actor());
            if (!Ids.isWellFormed(command.holdId())) {
                throw Refusal.notFound("legal hold");
            }
            LegalHold held = records.hold(command.holdId()).orElseThrow(() -> Refusal.notFound("legal hold"));
            if (held.kind() == LegalHold.Kind.CONVERSATION) {
                unit.lock(ConversationId.of(held.targetId()));
            }
            LegalHold lifted = held.lift(command.actor().id(), clock.instant());
            // only an entry that changes a record carries the records' target: refused or invalid attempts, even an
            // administrator's, cannot crowd the records out
            unit.add("access", "legal_hold").add("legal_hold", command.holdId())
                    .add(held.kind() == LegalHold.Kind.PATIENT ? "user" : "conversation", held.targetId());
            return lifted;
        });
    }

    @Override
    public Result<List<LegalHold>> list(ListLegalHolds command) {
        return audit.run(command.actor(), AuditAction.LEGAL_HOLD_LIST, unit -> {
            AdminService.requireAdministrator(command.actor());
            return command.activeOnly() ? records.activeHolds() : records.holds();
        });
    }

    @Override
    public Result<ConversationRetention> set(SetConversationRetention command) {
        return audit.run(command.actor(), AuditAction.RETENTION_SET, unit -> {
            AdminService.requireAdministrator(command.actor());
            Duration period = RetentionPolicy.requireDays(command.days());
            ConversationId conversation = existing(unit, command.conversationId());
            unit.add("access", "retention").add("days", period.toDays());
            return new ConversationRetention(conversation, command.days());
        });
    }

    @Override
    public Result<ConversationRetention> clear(ClearConversationRetention command) {
        return audit.run(command.actor(), AuditAction.RETENTION_CLEAR, unit -> {
            AdminService.requireAdministrator(command.actor());
            ConversationId conversation = existing(unit, command.conversationId());
            unit.add("access", "retention");
            return new ConversationRetention(conversation, null);
        });
    }

    /** The conversation, named in the entry and locked, or not found. */
    private ConversationId existing(Unit unit, ConversationId id) {
        if (id == null) {
            throw Refusal.invalid("conversationId is required");
        }
        unit.add("conversation", id);
        unit.lock(id);
        return conversations.find(id).orElseThrow(() -> Refusal.notFound("conversation")).id();
    }
}
