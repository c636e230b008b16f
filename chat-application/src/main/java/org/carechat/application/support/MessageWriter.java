package org.carechat.application.support;

import java.util.List;
import org.carechat.application.SessionId;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.PushNotifications.PushNotice;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.UserId;

/**
 * Adds a message to its conversation and tells everyone in it: the one path every message takes, typed
 * by a person or written by the server when a call ends. Under the conversation's lock the message takes
 * the seq after the conversation's last, and the message, the conversation's new state and the operation's
 * audit entry are committed as one.
 */
public final class MessageWriter {
    private final Conversations conversations;
    private final OfflinePush push;

    /** {@code push} hears of each message for a participant with no open session who has not muted the conversation. */
    public MessageWriter(Conversations conversations, OfflinePush push) {
        this.conversations = conversations;
        this.push = push;
    }

    /**
     * Stores the draft at the next seq, moves the conversation on, and publishes {@code new_message} to
     * every session of every participant but {@code origin}, once {@code unit} has committed.
     */
    public Written write(Unit unit, MessageDraft draft, SessionId origin) {
        unit.lock(draft.conversationId());
        Conversation read = conversations.findToChange(draft.conversationId())
                .orElseThrow(() -> Refusal.notFound("conversation"));
        return write(unit, read, draft, origin);
    }

    /**
     * As {@link #write(Unit, MessageDraft, SessionId)}, into {@code read}, the draft's conversation as the caller
     * read it under the lock {@code unit} holds.
     */
    public Written write(Unit unit, Conversation read, MessageDraft draft, SessionId origin) {
        if (!read.id().equals(draft.conversationId())) {
            throw new IllegalArgumentException("the draft belongs to conversation " + draft.conversationId());
        }
        Conversation before = unit.current(read);
        Message message = draft.at(before.nextSeq());
        Conversation after = before.withMessage(message);
        unit.store(null, message).store(read, after);
        MessageView view = new MessageView(message, after.statusOf(message));
        unit.tell(after.participants(), new ChatEvent.MessageCreated(view), origin);
        if (push.enabled()) {
            List<UserId> unmuted = after.othersThan(message.senderId()).stream()
                    .filter(other -> !after.stateOf(other).muted()).toList();
            push.afterCommit(unit, unmuted, message, PushNotice.Kind.MESSAGE);
        }
        long readBefore = before.stateOf(message.senderId()).readSeq();
        long readNow = after.stateOf(message.senderId()).readSeq();
        if (readNow > readBefore && readBefore < message.seq() - 1) {
            // replying means having read what came before: the others learn it like any read receipt
            unit.tell(after.othersThan(message.senderId()), new ChatEvent.MessagesRead(
                    after.id(), message.senderId(), message.seq(), message.createdAt()), null);
        }
        return new Written(view, after);
    }

    /**
     * The refusal of a send whose retry key names another send: the key was already used for {@code original},
     * in another conversation or to another person. It names the original, so the client can tell what happened.
     */
    public static Refusal keyUsedFor(String clientMessageId, Message original) {
        return Refusal.conflict("clientMessageId " + clientMessageId + " was already used for message " + original.id()
                + " in conversation " + original.conversationId());
    }

    /** A written message as its sender sees it, and the conversation after it. */
    public record Written(MessageView message, Conversation conversation) {
    }
}
