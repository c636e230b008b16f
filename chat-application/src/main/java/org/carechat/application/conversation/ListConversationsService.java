package org.carechat.application.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.carechat.application.port.Conversations;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.PageLimits;
import org.carechat.application.support.Views;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.common.Text;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationFilter;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * Lists by keyset: the cursor names the last conversation of the previous page by its sort key (pinned,
 * updatedAt, id), so a page never repeats or skips a conversation that did not move meanwhile.
 */
public final class ListConversationsService implements ListConversationsUseCase {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_SEARCH_LENGTH = 200;

    private final Conversations conversations;
    private final CareAccess access;
    private final Views views;
    private final Audit audit;
    private final PageLimits limits;

    public ListConversationsService(Conversations conversations, CareAccess access, Views views, Audit audit, PageLimits limits) {
        this.conversations = conversations;
        this.access = access;
        this.views = views;
        this.audit = audit;
        this.limits = limits;
    }

    @Override
    public Result<ConversationPage> list(ListConversations command) {
        return audit.run(command.actor(), AuditAction.CONVERSATION_LIST, unit -> {
            UserId me = command.actor().id();
            int limit = limits.of(command.limit(), DEFAULT_LIMIT);
            ConversationFilter filter = command.filter() == null ? ConversationFilter.ALL : command.filter();
            Text.requireWellFormed(command.search(), "search");
            String search = command.search() == null ? "" : command.search().strip().toLowerCase(Locale.ROOT);
            if (search.length() > MAX_SEARCH_LENGTH) {
                throw Refusal.invalid("search must be at most " + MAX_SEARCH_LENGTH + " characters");
            }
            Key after = command.cursor() == null || command.cursor().isBlank() ? null : Key.decode(command.cursor());
            Comparator<Key> order = Key.ORDER;
            List<Conversation> matching = conversations.ofParticipant(me).stream()
                    .filter(c -> filter.accepts(c, me))
                    .filter(c -> search.isEmpty() || c.othersThan(me).stream()
                            .anyMatch(other -> views.person(other).user().name().toLowerCase(Locale.ROOT).contains(search)))
                    .sorted(Comparator.comparing(c -> Key.of(c, me), order))
                    .filter(c -> after == null || order.compare(Key.of(c, me), after) > 0)
                    .limit(limit + 1L)
                    .toList();
            boolean more = matching.size() > limit;
            List<Conversation> page = more ? matching.subList(0, limit) : matching;
            User viewer = access.self(command.actor());
            String next = more ? Key.of(page.get(page.size() - 1), me).encode() : null;
            page.forEach(c -> unit.add("conversation", c.id()));
            return new ConversationPage(page.stream().map(c -> views.conversation(c, viewer)).toList(), next);
        });
    }

    /** The sort key of a conversation for one viewer: pinned first, newest first, then by id. */
    private record Key(boolean pinned, long updatedAtMillis, String id) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::pinned).reversed()
                .thenComparing(Comparator.comparingLong(Key::updatedAtMillis).reversed())
                .thenComparing(Key::id);

        static Key of(Conversation conversation, UserId viewer) {
            Instant updated = conversation.updatedAt();
            return new Key(conversation.stateOf(viewer).pinned(), updated.toEpochMilli(), conversation.id().value());
        }

        String encode() {
            String raw = (pinned ? "1" : "0") + ":" + updatedAtMillis + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Key decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = raw.split(":", 3);
                if (parts.length != 3 || !(parts[0].equals("0") || parts[0].equals("1")) || parts[2].isEmpty()) {
                    throw Refusal.invalid("cursor is not valid");
                }
                return new Key(parts[0].equals("1"), Long.parseLong(parts[1]), parts[2]);
            } catch (IllegalArgumentException malformed) {
                throw Refusal.invalid("cursor is not valid");
            }
        }
    }
}
