package org.carechat.application.messaging;

import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageView;

/**
 * A page of a conversation's history: before a seq (newest first), after a seq (oldest first: what a
 * reconnecting client missed), or the newest page when neither is given. Readable by the participants
 * for ever, also after their care relationship ended.
 */
public interface ReadHistoryUseCase {

    Result<HistoryPage> read(ReadHistory command);

    /** At most one of {@code beforeSeq} and {@code afterSeq}; {@code limit} null means the default, above the cap it is capped. */
    record ReadHistory(Actor actor, ConversationId conversationId, Long beforeSeq, Long afterSeq, Integer limit) {
    }

    record HistoryPage(ConversationId conversationId, List<MessageView> items, boolean hasMore) {
        public HistoryPage {
            items = List.copyOf(items);
        }
    }
}
