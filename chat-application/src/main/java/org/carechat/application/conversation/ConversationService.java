package org.carechat.application.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.carechat.application.Actor;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.Views;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Result;

/**
 * One conversation at a time: open it, look at it, mute or pin it, and count what is unread. A change
 * to the actor's own view of a conversation reaches the actor's other devices.
 */
public final class ConversationService implements GetConversationUseCase, OpenConversationUseCase, SetMutedUseCase,
        SetPinnedUseCase, UnreadCountUseCase {
    private final Conversations conversations;
    private final CareAccess access;
    private final Views views;
    private final Audit audit;
    private final IdGenerator ids;

    public ConversationService(Conversations conversations, CareAccess access, Views views,
                               Audit audit, IdGenerator ids) {
        this.conversations = conversations;
        this.access = access;
        this.views = views;
        this.audit = audit;
        this.ids = ids;
    }

    @Override
    public Result<ConversationView> get(GetConversation command) {
        return audit.run(command.actor(), AuditAction.CONVERSATION_READ, unit -> {
            unit.add("conversation", command.conversationId());
            Conversation conversation = access.participantOf(command.actor(), command.conversationId());
            return views.conversation(conversation, access.self(command.actor()));
        });
    }

    @Override
    public Result<ConversationView> direct(GetDirect command) {
        return audit.run(command.actor(), AuditAction.CONVERSATION_READ, unit -> {
            unit.add("user", command.with());
            Conversation conversation = access.existingDirect(command.actor(), command.with());
            unit.add("conversation", conversation.id());
            return views.conversation(conversation, access.self(command.actor()));
        });
    }

    @Override
    public Result<Opened> open(OpenConversation command) {
        return audit.run(command.actor(), AuditAction.CONVERSATION_OPEN, unit -> {
            unit.add("user", command.participantId());
            CareAccess.Opened opened = access.direct(command.actor(), command.participantId(),
                    ConversationId.of("c_" + ids.newId()), unit);
            unit.add("conversation", opened.conversation().id());
            return new Opened(views.conversation(opened.conversation(), access.self(command.actor())), opened.created());
        });
    }

    @Override
    public Result<ConversationView> setMuted(SetMuted command) {
        return changeOwnView(command.actor(), command.conversationId(), AuditAction.CONVERSATION_MUTE,
                c -> c.mutedBy(command.actor().id(), command.muted()));
    }

    @Override
    public Result<ConversationView> setPinned(SetPinned command) {
        return changeOwnView(command.actor(), command.conversationId(), AuditAction.CONVERSATION_PIN,
                c -> c.pinnedBy(command.actor().id(), command.pinned()));
    }

    @Override
    public Result<UnreadCounts> count(Actor actor) {
        // which conversations have news reveals who treats whom: audited like a read of health data
        return audit.run(actor, AuditAction.UNREAD_COUNT_READ, unit -> {
            long total = 0;
            Map<ConversationId, Long> byConversation = new LinkedHashMap<>();
            for (Conversation conversation : conversations.ofParticipant(actor.id())) {
                long unread = conversation.unreadCountFor(actor.id());
                if (unread > 0) {
                    byConversation.put(conversation.id(), unread);
                    unit.add("conversation", conversation.id());
                    if (!conversation.stateOf(actor.id()).muted()) {
                        total += unread;
                    }
                }
            }
            return new UnreadCounts(total, byConversation);
        });
    }

    private Result<ConversationView> changeOwnView(Actor actor, ConversationId id, AuditAction action,
                                                   UnaryOperator<Conversation> change) {
        return audit.run(actor, action, unit -> {
            unit.add("conversation", id);
            // read under the conversation's lock: of two devices pinning at once, one tells
            Conversation before = access.participantOf(actor, id, unit);
            Conversation after = change.apply(before);
            ConversationView view = views.conversation(after, access.self(actor));
            if (!after.stateOf(actor.id()).equals(before.stateOf(actor.id()))) {
                unit.store(before, after);
                unit.tell(List.of(actor.id()), new ChatEvent.ConversationUpdated(view), actor.session());
            }
            return view;
        });
    }
}
