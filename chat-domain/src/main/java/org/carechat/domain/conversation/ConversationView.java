package org.carechat.domain.conversation;

import java.util.List;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.UserSummary;

/** A conversation as one participant sees it: the people in it, the last message, their unread count and flags. */
public record ConversationView(Conversation conversation, List<UserSummary> participants, MessageView lastMessage,
                               long unreadCount, boolean muted, boolean pinned, boolean canSend) {
    public ConversationView {
        participants = List.copyOf(participants);
    }
}
