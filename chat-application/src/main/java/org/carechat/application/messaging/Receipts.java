package org.carechat.application.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.Unit;
import org.carechat.application.support.Views;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;

/**
 * Delivery and read receipts. Cursors only move forward, so a late or repeated receipt changes nothing
 * and tells nobody; a receipt that moves a cursor tells the other participants, and a read also tells the
 * reader's other devices (their unread count changed). Receipts stay possible after a care relationship
 * ends: reading history is always allowed.
 */
public final class Receipts implements MarkDeliveredUseCase, MarkReadUseCase {
    private final CareAccess access;
    private final Views views;
    private final Audit audit;
    private final Clock clock;

    public Receipts(CareAccess access, Views views, Audit audit, Clock clock) {
        this.access = access;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Result<ParticipantState> markDelivered(MarkDelivered command) {
        return audit.run(command.actor(), AuditAction.MARK_DELIVERED, unit -> {
            unit.add("conversation", command.conversationId());
            return delivered(unit, command.actor(), command.conversationId(), command.upToSeq());
        });
    }

    @Override
    public Result<ParticipantState> markDeliveredThrough(MarkDeliveredThrough command) {
        return audit.run(command.actor(), AuditAction.MARK_DELIVERED, unit -> {
            Message through = through(unit, command.actor(), command.messageId());
            return delivered(unit, command.actor(), through.conversationId(), through.seq());
        });
    }

    private ParticipantState delivered(Unit unit, Actor actor, ConversationId id, long upToSeq) {
        requireSeq(upToSeq);
        Conversation before = access.participantOf(actor, id, unit);
        Conversation after = before.deliveredUpTo(actor.id(), upToSeq);
        ParticipantState state = after.stateOf(actor.id());
        if (state.deliveredSeq() > before.stateOf(actor.id()).deliveredSeq()) {
            unit.store(before, after);
            unit.tell(after.othersThan(actor.id()), new ChatEvent.MessagesDelivered(
                    after.id(), actor.id(), state.deliveredSeq(), clock.instant()), null);
        }
        return state;
    }

    @Override
    public Result<ConversationView> markRead(MarkRead command) {
        return audit.run(command.actor(), AuditAction.MARK_READ, unit -> {
            unit.add("conversation", command.conversationId());
            return read(unit, command.actor(), command.conversationId(), command.upToSeq());
        });
    }

    @Override
    public Result<ConversationView> markReadThrough(MarkReadThrough command) {
        return audit.run(command.actor(), AuditAction.MARK_READ, unit -> {
            Message through = through(unit, command.actor(), command.messageId());
            return read(unit, command.actor(), through.conversationId(), through.seq());
        });
    }

    @Override
    public Result<ConversationView> markReadWith(MarkReadWith command) {
        return audit.run(command.actor(), AuditAction.MARK_READ, unit -> {
            unit.add("user", command.with());
            Conversation direct = access.existingDirect(command.actor(), command.with());
            unit.add("conversation", direct.id());
            return read(unit, command.actor(), direct.id(), command.upToSeq());
        });
    }

    private ConversationView read(Unit unit, Actor actor, ConversationId id, Long upToSeq) {
        if (upToSeq != null) {
            requireSeq(upToSeq);
        }
        // read under the conversation's lock: of two devices reading at once, only the one that moved the
        // cursor tells anybody
        Conversation before = access.participantOf(actor, id, unit);
        long upTo = upToSeq == null ? Long.MAX_VALUE : upToSeq;
        Conversation after = before.readUpTo(actor.id(), upTo);
        ConversationView view = views.conversation(after, access.self(actor));
        ParticipantState now = after.stateOf(actor.id());
        if (now.readSeq() > before.stateOf(actor.id()).readSeq()) {
            Instant at = clock.instant();
            unit.store(before, after);
            unit.tell(after.othersThan(actor.id()), new ChatEvent.MessagesRead(after.id(), actor.id(), now.readSeq(), at), null);
            unit.tell(List.of(actor.id()), new ChatEvent.ConversationUpdated(view), actor.session());
        }
        return view;
    }

    /** The message a receipt runs up to: one the actor may see (else it does not exist for them), recorded with its conversation. */
    private Message through(Unit unit, Actor actor, MessageId id) {
        unit.add("message", id);
        Message message = access.visibleMessage(actor, id).message();
        unit.add("conversation", message.conversationId());
        return message;
    }

    private static void requireSeq(long seq) {
        if (seq < 0) {
            throw Refusal.invalid("upToSeq must not be negative");
        }
    }
}
