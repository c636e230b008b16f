package org.carechat.application.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.application.port.Messages;
import org.carechat.application.support.Audit;
import org.carechat.application.support.PageLimits;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/** The export of a conversation for the chart: admins and services only, any conversation, every page audited. */
public final class ExportConversationService implements ExportConversationUseCase {
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 1000;

    private final Conversations conversations;
    private final Messages messages;
    private final Directory directory;
    private final Audit audit;
    private final PageLimits limits = new PageLimits(MAX_LIMIT);

    public ExportConversationService(Conversations conversations, Messages messages, Directory directory, Audit audit) {
        this.conversations = conversations;
        this.messages = messages;
        this.directory = directory;
        this.audit = audit;
    }

    @Override
    public Result<ConversationExport> export(ExportConversation command) {
        return audit.run(command.actor(), AuditAction.CONVERSATION_EXPORT, unit -> {
            unit.add("conversation", command.conversationId());
            AdminService.requireAdministrator(command.actor());
            if (command.afterSeq() != null && command.afterSeq() < 0) {
                throw Refusal.invalid("a seq cursor must not be negative");
            }
            int limit = limits.of(command.limit(), DEFAULT_LIMIT);
            if (command.conversationId() == null) {
                throw Refusal.invalid("the conversation id is missing");
            }
            Conversation conversation = conversations.find(command.conversationId())
                    .orElseThrow(() -> Refusal.notFound("conversation"));
            long after = command.afterSeq() == null ? 0 : command.afterSeq();
            List<Message> page = messages.after(conversation.id(), after, limit + 1);
            boolean more = page.size() > limit;
            List<Message> items = more ? page.subList(0, limit) : page;
            if (!items.isEmpty()) {
                // which messages left the system, without their content
                unit.add("seqs", items.get(0).seq() + ".." + items.get(items.size() - 1).seq());
            }
            Map<UserId, User> people = new LinkedHashMap<>();
            for (UserId participant : conversation.participants()) {
                directory.find(participant).ifPresent(user -> people.put(participant, user));
            }
            return new ConversationExport(conversation, people, items, more ? items.get(items.size() - 1).seq() : null);
        });
    }
}
