package org.carechat.application.admin;

import java.util.List;
import java.util.Map;
import org.carechat.application.Actor;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * An admin or a service exports a conversation for the patient's chart, a page at a time in seq order. Each
 * page exported is audited, with the conversation and the seqs it held.
 */
public interface ExportConversationUseCase {

    Result<ConversationExport> export(ExportConversation command);

    /** The page after {@code afterSeq} (from the start when null), at most {@code limit} messages. */
    record ExportConversation(Actor actor, ConversationId conversationId, Long afterSeq, Integer limit) {
    }

    /**
     * A page of the conversation: its participants as the directory knows them (one missing from it is
     * missing here), its messages in seq order (deleted ones as their tombstones), and the seq the next page
     * starts after, or null when this page is the last.
     */
    record ConversationExport(Conversation conversation, Map<UserId, User> people, List<Message> messages,
                              Long nextAfterSeq) {
        public ConversationExport {
            people = Map.copyOf(people);
            messages = List.copyOf(messages);
        }
    }
}
