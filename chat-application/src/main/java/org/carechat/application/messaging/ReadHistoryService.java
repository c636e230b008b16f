package org.carechat.application.messaging;

import java.util.List;
import org.carechat.application.port.Messages;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.PageLimits;
import org.carechat.application.support.Views;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;

/** Pages through a conversation by seq, for its participants only. */
public final class ReadHistoryService implements ReadHistoryUseCase {
    public static final int DEFAULT_LIMIT = 50;

    private final CareAccess access;
    private final Messages messages;
    private final Views views;
    private final Audit audit;
    private final PageLimits limits;

    public ReadHistoryService(CareAccess access, Messages messages, Views views, Audit audit, PageLimits limits) {
        this.access = access;
        this.messages = messages;
        this.views = views;
        this.audit = audit;
        this.limits = limits;
    }

    @Override
    public Result<HistoryPage> read(ReadHistory command) {
        return audit.run(command.actor(), AuditAction.HISTORY_READ, unit -> {
            unit.add("conversation", command.conversationId());
            if (command.beforeSeq() != null && command.afterSeq() != null) {
                throw Refusal.invalid("give before or after, not both");
            }
            if ((command.beforeSeq() != null && command.beforeSeq() < 0) || (command.afterSeq() != null && command.afterSeq() < 0)) {
                throw Refusal.invalid("a seq cursor must not be negative");
            }
            int limit = limits.of(command.limit(), DEFAULT_LIMIT);
            Conversation conversation = access.readable(command.actor(), command.conversationId(), unit);
            List<Message> page = command.afterSeq() != null
                    ? messages.after(conversation.id(), command.afterSeq(), limit + 1)
                    // the newest page ends at the conversation's last message, as read: no later message than that
                    : messages.before(conversation.id(), command.beforeSeq() == null ? conversation.nextSeq() : command.beforeSeq(), limit + 1);
            boolean hasMore = page.size() > limit;
            List<Message> items = hasMore ? page.subList(0, limit) : page;
            return new HistoryPage(conversation.id(), views.messages(conversation, items), hasMore);
        });
    }
}
