package org.carechat.application.conversation;

import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationFilter;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;

/**
 * The actor's conversations, pinned first, then most recently updated; filtered (all, unread, pinned),
 * optionally searched by a participant's name, one page at a time.
 */
public interface ListConversationsUseCase {

    Result<ConversationPage> list(ListConversations command);

    /** {@code filter} null means all; {@code search}, {@code cursor} and {@code limit} may be null. */
    record ListConversations(Actor actor, ConversationFilter filter, String search, String cursor, Integer limit) {
    }

    /** {@code nextCursor} is null on the last page. */
    record ConversationPage(List<ConversationView> items, String nextCursor) {
        public ConversationPage {
            items = List.copyOf(items);
        }
    }
}
