package org.carechat.application.messaging;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.carechat.application.Actor;
import org.carechat.application.port.Messages;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.UnsentFiles;
import org.carechat.application.support.Views;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageRules;
import org.carechat.domain.message.MessageView;

/**
 * Edits, deletions and reactions: a participant changes a stored message and everyone in the
 * conversation hears of it. Editing and reacting add to a conversation, so they need the care policy's
 * consent; deleting one's own message is always possible.
 */
public final class MessageChanges implements EditMessageUseCase, DeleteMessageUseCase, AddReactionUseCase,
        RemoveReactionUseCase, AcknowledgeMessageUseCase {
    private final CareAccess access;
    private final Messages messages;
    private final UnsentFiles unsentFiles;
    private final Views views;
    private final Audit audit;
    private final MessageRules rules;
    private final Clock clock;

    public MessageChanges(CareAccess access, Messages messages, UnsentFiles unsentFiles, Views views,
                          Audit audit, MessageRules rules, Clock clock) {
        this.access = access;
        this.messages = messages;
        this.unsentFiles = unsentFiles;
        this.views = views;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public Result<MessageView> edit(EditMessage command) {
        return change(command.actor(), command.messageId(), AuditAction.MESSAGE_EDIT, true, current -> current.edit(command.actor().id(), rules.checkEdit(current.type(), command.content()),
                clock.instant(), rules.editWindow()), ChatEvent.MessageEdited::new);
    }

    @Override
    public Result<MessageView> delete(DeleteMessage command) {
        return change(command.actor(), command.messageId(), AuditAction.MESSAGE_DELETE, false,
                current -> current.delete(command.actor().id()),
                view -> new ChatEvent.MessageDeleted(view.message().conversationId(), view.message().id()));
    }

    @Override
    public Result<MessageView> addReaction(AddReaction command) {
        return change(command.actor(), command.messageId(), AuditAction.REACTION_ADD, true,
                current -> current.react(command.actor().id(), command.emoji()),
                MessageChanges::reactionsOf);
    }

    @Override
    public Result<MessageView> removeReaction(RemoveReaction command) {
        return change(command.actor(), command.messageId(), AuditAction.REACTION_REMOVE, true,
                current -> current.unreact(command.actor().id(), command.emoji()),
                MessageChanges::reactionsOf);
    }

    @Override
    public Result<MessageView> acknowledge(AcknowledgeMessage command) {
        // an acknowledgement adds nothing to the conversation: it needs taking part, not an active care relationship
        return change(command.actor(), command.messageId(), AuditAction.MESSAGE_ACKNOWLEDGE, false,
                current -> current.acknowledge(command.actor().id(), clock.instant()),
                view -> new ChatEvent.MessageAcknowledged(view.message().conversationId(), view.message().id(),
                        command.actor().id(), view.message().acknowledgements().get(command.actor().id())));
    }

    private static ChatEvent reactionsOf(MessageView view) {
        return new ChatEvent.ReactionsUpdated(view.message().conversationId(), view.message().id(),
                view.message().reactions());
    }

    private Result<MessageView> change(Actor actor, MessageId id, AuditAction action, boolean needsConsent,
                                       UnaryOperator<Message> changeOf,
                                       Function<MessageView, ChatEvent> eventOf) {
        return audit.run(actor, action, unit -> {
            unit.add("message", id);
            access.requireConversant(actor);
            // a message never moves: its conversation is locked, then the message read again under the lock, so the
            // change is computed from what the previous one left
            messages.find(id).ifPresent(seen -> unit.lock(seen.conversationId()));
            CareAccess.Visible visible = access.visibleMessage(actor, id);
            unit.add("conversation", visible.conversation().id());
            if (needsConsent) {
                access.maySend(access.self(actor), visible.conversation()).orRefuse();
            }
            Message current = visible.message();
            Message changed = changeOf.apply(current);
            MessageView view = views.message(visible.conversation(), changed);
            if (!changed.equals(current)) {
                unit.store(current, changed);
                unit.tell(visible.conversation().participants(), eventOf.apply(view), actor.session());
                if (current.attachment() != null && changed.attachment() == null) {
                    unit.afterCommit(() -> unsentFiles.releaseIfNoMessageCarries(current.attachment().id()));
                }
            }
            return view;
        });
    }
}
