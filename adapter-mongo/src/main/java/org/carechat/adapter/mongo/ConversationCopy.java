package org.carechat.adapter.mongo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;

/**
 * The conversations this process last read to change or committed, in memory, for
 * {@link MongoConversations#findToChange}: a change computed from a copy needs no read of the conversation, and
 * a copy that is no longer what is stored (another process changed the conversation) costs nothing but a
 * collision, because {@link MongoChanges} replaces a conversation only if it still holds what the change was
 * computed from. After a collision, or a commit whose outcome is unknown, the copy is forgotten and the next
 * change reads what is stored. A direct conversation's pair keeps its id (the pair never changes, and the unique
 * index on it keeps one per pair). At most {@value #MAX_ENTRIES} conversations are kept, the least recently used
 * leave first.
 */
final class ConversationCopy {
    static final int MAX_ENTRIES = 100_000;

    private final Cache<ConversationId, Conversation> conversations =
            Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final Cache<String, ConversationId> directs = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    Optional<Conversation> get(ConversationId id) {
        return Optional.ofNullable(conversations.getIfPresent(id));
    }

    Optional<ConversationId> direct(UserId a, UserId b) {
        return Optional.ofNullable(directs.getIfPresent(Conversation.directKey(a, b)));
    }

    /** {@code conversation} is what is stored now (read, or committed by this process). */
    void put(Conversation conversation) {
        conversations.put(conversation.id(), conversation);
        if (conversation.participants().size() == 2) {
            directs.put(conversation.directKey(), conversation.id());
        }
    }

    void forget(ConversationId id) {
        conversations.invalidate(id);
    }
}
