package org.carechat.application.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Messages;
import org.carechat.application.support.Audit;
import org.carechat.application.support.PageLimits;
import org.carechat.application.support.Views;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.common.Text;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageView;

/** Searches only where the actor takes part; the query itself is never audited (it is content). */
public final class SearchMessagesService implements SearchMessagesUseCase {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_QUERY_LENGTH = 200;

    private final Conversations conversations;
    private final Messages messages;
    private final Views views;
    private final Audit audit;
    private final PageLimits limits;

    public SearchMessagesService(Conversations conversations, Messages messages, Views views, Audit audit, PageLimits limits) {
        this.conversations = conversations;
        this.messages = messages;
        this.views = views;
        this.audit = audit;
        this.limits = limits;
    }

    @Override
    public Result<List<MessageView>> search(SearchMessages command) {
        return audit.run(command.actor(), AuditAction.MESSAGE_SEARCH, unit -> {
            Text.requireWellFormed(command.query(), "query");
            String query = command.query() == null ? "" : command.query().strip();
            if (query.isEmpty() || query.length() > MAX_QUERY_LENGTH) {
                throw Refusal.invalid("query must be 1.." + MAX_QUERY_LENGTH + " characters");
            }
            int limit = limits.of(command.limit(), DEFAULT_LIMIT);
            Map<ConversationId, Conversation> mine = conversations.ofParticipant(command.actor().id()).stream()
                    .collect(Collectors.toMap(Conversation::id, Function.identity()));
            if (mine.isEmpty()) {
                return List.of();
            }
            List<MessageView> found = messages.search(mine.keySet(), query, limit).stream()
                    .map(message -> views.message(mine.get(message.conversationId()), message))
                    .toList();
            // what the search exposed, so the trail can tell who saw which messages
            for (MessageView view : found) {
                unit.add("conversation", view.message().conversationId()).add("message", view.message().id());
            }
            return found;
        });
    }
}
