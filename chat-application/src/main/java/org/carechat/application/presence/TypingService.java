package org.carechat.application.presence;

import org.carechat.application.support.CareAccess;
import org.carechat.application.support.Outcomes;
import org.carechat.application.support.TypingTracker;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;

/**
 * Typing indicators. Typing is new activity: it needs the care policy's consent like a message, and it
 * never opens a conversation (typing to someone you have no conversation with is not found).
 */
public final class TypingService implements StartTypingUseCase, StopTypingUseCase {
    private final CareAccess access;
    private final TypingTracker tracker;

    public TypingService(CareAccess access, TypingTracker tracker) {
        this.access = access;
        this.tracker = tracker;
    }

    @Override
    public Result<ConversationId> startTyping(Typing command) {
        return Outcomes.attempt(() -> {
            Conversation conversation = conversationOf(command);
            access.maySend(access.self(command.actor()), conversation).orRefuse();
            tracker.start(conversation, command.actor().id());
            return conversation.id();
        });
    }

    @Override
    public Result<ConversationId> stopTyping(Typing command) {
        return Outcomes.attempt(() -> {
            Conversation conversation = conversationOf(command);
            tracker.stop(conversation.id(), command.actor().id());
            return conversation.id();
        });
    }

    private Conversation conversationOf(Typing command) {
        access.requireConversant(command.actor());
        if ((command.conversationId() == null) == (command.to() == null)) {
            throw Refusal.invalid("give either conversationId or to");
        }
        return command.conversationId() != null
                ? access.participantOf(command.actor(), command.conversationId())
                : access.existingDirect(command.actor(), command.to());
    }
}
