package org.carechat.adapter.inmemory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.carechat.application.port.Conversations;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;

/**
 * Conversations and their participants' cursors in memory. A pair of people has one direct conversation,
 * however many create it at once; a change to one conversation never waits for another.
 */
public final class InMemoryConversations implements Conversations {
    private static final Comparator<Conversation> MOST_RECENTLY_UPDATED_FIRST =
            Comparator.comparing(Conversation::updatedAt).reversed()
                    .thenComparing(conversation -> conversation.id().value());

    private final ConcurrentHashMap<ConversationId, Conversation> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConversationId> byDirectKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserId, Set<ConversationId>> byParticipant = new ConcurrentHashMap<>();

    @Override
    public Optional<Conversation> find(ConversationId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Conversation> findDirect(UserId a, UserId b) {
        ConversationId id = byDirectKey.get(Conversation.directKey(a, b));
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public Conversation getOrCreateDirect(Conversation candidate) {
        if (candidate.participants().size() != 2) {
            throw new IllegalArgumentException("a direct conversation has exactly two participants");
        }
        // The pair's bin stays locked while the first creator stores its candidate, so racing creators
        // all see the same conversation.
        ConversationId id = byDirectKey.computeIfAbsent(candidate.directKey(), key -> {
            if (byId.putIfAbsent(candidate.id(), candidate) != null) {
                throw new IllegalArgumentException("conversation " + candidate.id() + " already exists");
            }
            for (UserId participant : candidate.participants()) {
                byParticipant.computeIfAbsent(participant, user -> ConcurrentHashMap.newKeySet()).add(candidate.id());
            }
            return candidate.id();
        });
        return byId.get(id);
    }

    @Override
    public Optional<Conversation> update(ConversationId id, UnaryOperator<Conversation> change) {
        Objects.requireNonNull(change, "change");
        return Optional.ofNullable(byId.computeIfPresent(id, (key, current) -> {
            Conversation next = Objects.requireNonNull(change.apply(current), "the change returned no conversation");
            if (!next.id().equals(current.id()) || !next.participants().equals(current.participants())) {
                throw new IllegalArgumentException("a change may not change who takes part in a conversation");
            }
            return next;
        }));
    }

    /**
     * Whether {@code before} is what is stored under the id of {@code after} now; for a new one ({@code before}
     * null), whether neither its id nor, for a direct conversation, its pair is taken.
     */
    boolean holds(Conversation before, Conversation after) {
        Conversation stored = byId.get(after.id());
        if (before != null) {
            return before.equals(stored);
        }
        return stored == null && (after.participants().size() != 2 || !byDirectKey.containsKey(after.directKey()));
    }

    /** Stores a conversation that {@link #holds} found as read; the caller keeps others out. */
    void replace(Conversation before, Conversation after) {
        if (before == null) {
            getOrCreateDirect(after);
        } else {
            update(after.id(), current -> after);
        }
    }

    @Override
    public List<Conversation> ofParticipant(UserId user) {
        Set<ConversationId> ids = byParticipant.get(user);
        if (ids == null) {
            return List.of();
        }
        List<Conversation> found = new ArrayList<>(ids.size());
        for (ConversationId id : ids) {
            Conversation conversation = byId.get(id);
            if (conversation != null) {
                found.add(conversation);
            }
        }
        found.sort(MOST_RECENTLY_UPDATED_FIRST);
        return List.copyOf(found);
    }
}
