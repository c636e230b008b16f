package org.carechat.application.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.Views;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;

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
            requireSeq(command.upToSeq());
            Conversation before = access.participantOf(command.actor(), command.conversationId(), unit);
            Conversation after = before.deliveredUpTo(command.actor().id(), command.upToSeq());
            ParticipantState state = after.stateOf(command.actor().id());
            if (state.deliveredSeq() > before.stateOf(command.actor().id()).deliveredSeq()) {
                unit.store(before, after);
                unit.tell(after.othersThan(command.actor().id()), new ChatEvent.MessagesDelivered(
                        after.id(), command.actor().id(), state.deliveredSeq(), clock.instant()), null);
            }
            return state;
        });
    }

    @Override
    public Result<ConversationView> markRead(MarkRead command) {
        return audit.run(command.actor(), AuditAction.MARK_READ, unit -> {
            unit.add("conversation", command.conversationId());
            if (command.upToSeq() != null) {
                requireSeq(command.upToSeq());
            }
            // read under the conversation's lock: of two devices reading at once, only the one that moved the
            // cursor tells anybody
            Conversation before = access.participantOf(command.actor(), command.conversationId(), unit);
            long upTo = command.upToSeq() == null ? Long.MAX_VALUE : command.upToSeq();
            Conversation after = before.readUpTo(command.actor().id(), upTo);
            ConversationView view = views.conversation(after, access.self(command.actor()));
            ParticipantState now = after.stateOf(command.actor().id());
            if (now.readSeq() > before.stateOf(command.actor().id()).readSeq()) {
                Instant at = clock.instant();
                unit.store(before, after);
                unit.tell(after.othersThan(command.actor().id()),
                        new ChatEvent.MessagesRead(after.id(), command.actor().id(), now.readSeq(), at), null);
                unit.tell(List.of(command.actor().id()), new ChatEvent.ConversationUpdated(view),
                        command.actor().session());
            }
            return view;
        });
    }

    private static void requireSeq(long seq) {
        if (seq < 0) {
            throw Refusal.invalid("upToSeq must not be negative");
        }
    }
}
