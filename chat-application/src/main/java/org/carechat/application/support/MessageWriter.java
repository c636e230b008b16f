package org.carechat.application.support;

import java.util.concurrent.atomic.AtomicLong;
import org.carechat.application.SessionId;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Notifier;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageView;

/**
 * Adds a message to its conversation and tells everyone in it: the one path every message takes, typed
 * by a person or written by the server when a call ends.
 */
public final class MessageWriter {
    private final Messages messages;
    private final Conversations conversations;
    private final Notifier notifier;
    private final ConversationLocks locks;

    public MessageWriter(Messages messages, Conversations conversations, Notifier notifier, ConversationLocks locks) {
        this.messages = messages;
        this.conversations = conversations;
        this.notifier = notifier;
        this.locks = locks;
    }

    /**
     * Stores the draft at the next seq, moves the conversation on, and publishes {@code new_message} to
     * every session of every participant but {@code origin}. A repeated {@code clientMessageId} returns
     * the stored message and publishes nothing.
     */
    public Written write(MessageDraft draft, SessionId origin) {
        return locks.withLock(draft.conversationId(), () -> {
            Messages.Appended appended = messages.append(draft);
            Message message = appended.message();
            if (!appended.created() && !message.conversationId().equals(draft.conversationId())) {
                // the same retry key raced into another conversation: that send won, this one is not a retry of it
                throw keyUsedFor(draft.clientMessageId(), message);
            }
            AtomicLong readBefore = new AtomicLong();
            Conversation conversation = conversations.update(message.conversationId(), current -> {
                readBefore.set(current.stateOf(message.senderId()).readSeq());
                return current.withMessage(message);
            }).orElseThrow(() -> Refusal.notFound("conversation"));
            MessageView view = new MessageView(message, conversation.statusOf(message));
            if (appended.created()) {
                notifier.notify(conversation.participants(), new ChatEvent.MessageCreated(view), origin);
                long readNow = conversation.stateOf(message.senderId()).readSeq();
                if (readNow > readBefore.get() && readBefore.get() < message.seq() - 1) {
                    // replying means having read what came before: the others learn it like any read receipt
                    notifier.notify(conversation.othersThan(message.senderId()), new ChatEvent.MessagesRead(
                            conversation.id(), message.senderId(), message.seq(), message.createdAt()), null);
                }
            }
            return new Written(view, conversation, appended.created());
        });
    }

    /**
     * The refusal of a send whose retry key names another send: the key was already used for {@code original},
     * in another conversation or to another person. It names the original, so the client can tell what happened.
     */
    public static Refusal keyUsedFor(String clientMessageId, Message original) {
        return Refusal.conflict("clientMessageId " + clientMessageId + " was already used for message " + original.id()
                + " in conversation " + original.conversationId());
    }

    /** A written message as its sender sees it, the conversation after it, and whether it is new. */
    public record Written(MessageView message, Conversation conversation, boolean created) {
    }
}
