package org.carechat.adapter.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.carechat.application.port.Messages;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.UrgentFollowUp;
import org.carechat.domain.user.UserId;

/**
 * Every message in memory, each at its place in its conversation. Each conversation has its own log, so
 * senders in different conversations never wait for each other; within a conversation a message gets its
 * place and becomes visible in one step, so a reader never sees a gap that a later message would fill.
 */
public final class InMemoryMessages implements Messages {
    private static final Comparator<Message> NEWEST_FIRST =
            Comparator.comparing(Message::createdAt).thenComparingLong(Message::seq).reversed();
    private static final Comparator<Message> OLDEST_FIRST =
            Comparator.comparing(Message::createdAt).thenComparing(message -> message.id().value());

    private final ConcurrentHashMap<ConversationId, Log> logs = new ConcurrentHashMap<>();
    /** Where each message is: its conversation's log and its seq there (one entry per message, the only index by id). */
    private final ConcurrentHashMap<MessageId, Place> placeOf = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SenderKey, MessageId> byClientMessageId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AttachmentId, Set<MessageId>> byAttachment = new ConcurrentHashMap<>();
    /** Every urgent message that may still be followed up; one deleted or escalated leaves at the next look. */
    private final Set<MessageId> urgent = ConcurrentHashMap.newKeySet();

    @Override
    public Appended append(MessageDraft draft) {
        Objects.requireNonNull(draft, "draft");
        if (draft.clientMessageId() == null) {
            return new Appended(store(draft), true);
        }
        Message[] created = new Message[1];
        // The key's bin stays locked while the first attempt stores its message, so a racing retry
        // waits and then finds that message instead of storing a second one.
        MessageId id = byClientMessageId.computeIfAbsent(new SenderKey(draft.senderId(), draft.clientMessageId()),
                key -> {
                    created[0] = store(draft);
                    return created[0].id();
                });
        if (created[0] != null) {
            return new Appended(created[0], true);
        }
        Message original = find(id).orElseThrow(() -> new IllegalStateException("idempotency index out of step"));
        return new Appended(original, false);
    }

    /** Why {@code message}, new, cannot be stored as it is (its id, seq or retry key taken), or null. */
    String collisionOf(Message message) {
        if (placeOf.containsKey(message.id())) {
            return "message " + message.id() + " is already stored";
        }
        Log log = logs.get(message.conversationId());
        if (log != null && log.places.has(message.seq())) {
            return "seq " + message.seq() + " of conversation " + message.conversationId() + " is taken";
        }
        if (message.clientMessageId() != null
                && byClientMessageId.containsKey(new SenderKey(message.senderId(), message.clientMessageId()))) {
            return "clientMessageId " + message.clientMessageId() + " of " + message.senderId() + " is taken";
        }
        return null;
    }

    /** Whether {@code before} is what is stored under its id now. */
    boolean holds(Message before) {
        return find(before.id()).filter(before::equals).isPresent();
    }

    /** Stores a new message that {@link #collisionOf} found no collision for; the caller keeps others out. */
    void insert(Message message) {
        Log log = logs.computeIfAbsent(message.conversationId(), conversation -> new Log());
        log.insert(message, placeOf);
        if (message.clientMessageId() != null) {
            byClientMessageId.put(new SenderKey(message.senderId(), message.clientMessageId()), message.id());
        }
        if (message.attachment() != null) {
            index(message.attachment().id(), message.id());
        }
        if (message.priority() == MessagePriority.URGENT) {
            urgent.add(message.id());
        }
    }

    /** Replaces a message that {@link #holds} found as read; the caller keeps others out. */
    void replace(Message before, Message after) {
        update(before.id(), current -> after);
    }

    private Message store(MessageDraft draft) {
        Log log = logs.computeIfAbsent(draft.conversationId(), conversation -> new Log());
        Message message = log.append(draft, placeOf);
        if (message.attachment() != null) {
            index(message.attachment().id(), message.id());
        }
        if (message.priority() == MessagePriority.URGENT) {
            urgent.add(message.id());
        }
        return message;
    }

    private void index(AttachmentId attachment, MessageId message) {
        byAttachment.computeIfAbsent(attachment, key -> ConcurrentHashMap.newKeySet()).add(message);
    }

    @Override
    public Optional<Message> find(MessageId id) {
        Place place = placeOf.get(id);
        return place == null ? Optional.empty() : Optional.ofNullable(place.log().places.get(place.seq()));
    }

    @Override
    public Optional<Message> findByClientMessageId(UserId sender, String clientMessageId) {
        MessageId id = byClientMessageId.get(new SenderKey(sender, clientMessageId));
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public Optional<Message> update(MessageId id, UnaryOperator<Message> change) {
        Objects.requireNonNull(change, "change");
        Place place = placeOf.get(id);
        if (place == null) {
            return Optional.empty();
        }
        Optional<Message> updated = place.log().update(place.seq(), change);
        updated.map(Message::attachment).ifPresent(attachment -> index(attachment.id(), id));
        return updated;
    }

    @Override
    public List<Message> before(ConversationId conversation, long beforeSeq, int limit) {
        requirePositive(limit);
        Log log = logs.get(conversation);
        return log == null ? List.of() : log.places.below(beforeSeq, limit);
    }

    @Override
    public List<Message> after(ConversationId conversation, long afterSeq, int limit) {
        requirePositive(limit);
        Log log = logs.get(conversation);
        return log == null ? List.of() : log.places.above(afterSeq, limit);
    }

    @Override
    public List<Message> ofType(ConversationId conversation, MessageType type, int limit) {
        requirePositive(limit);
        Log log = logs.get(conversation);
        if (log == null) {
            return List.of();
        }
        List<Message> found = new ArrayList<>();
        log.places.newestFirst(Long.MAX_VALUE, message -> {
            if (message.type() == type) {
                found.add(message);
            }
            return found.size() < limit;
        });
        return List.copyOf(found);
    }

    @Override
    public List<Message> search(Collection<ConversationId> conversations, String text, int limit) {
        Objects.requireNonNull(text, "text");
        requirePositive(limit);
        return first(new LinkedHashSet<>(conversations),
                message -> !message.deleted() && containsIgnoringCase(message.content(), text), NEWEST_FIRST, limit);
    }

    @Override
    public List<Message> purgeCandidates(PurgeQuery query) {
        Objects.requireNonNull(query, "query");
        Collection<ConversationId> scanned = query.only().isEmpty() ? logs.keySet() : query.only();
        return first(scanned, message -> !message.deleted() && message.createdAt().isBefore(query.before())
                && query.looksIn(message.conversationId()), OLDEST_FIRST, query.limit());
    }

    /** The first {@code limit} messages in {@code order} of the conversations that {@code wanted} takes. */
    private List<Message> first(Collection<ConversationId> conversations, Predicate<Message> wanted,
                                Comparator<Message> order, int limit) {
        // the first so far, the last of them on top so it is the one pushed out
        PriorityQueue<Message> kept = new PriorityQueue<>(order.reversed());
        for (ConversationId conversation : conversations) {
            Log log = logs.get(conversation);
            if (log == null) {
                continue;
            }
            log.places.oldestFirst(1, message -> {
                if (wanted.test(message)) {
                    kept.add(message);
                    if (kept.size() > limit) {
                        kept.poll();
                    }
                }
                return true;
            });
        }
        List<Message> found = new ArrayList<>(kept);
        found.sort(order);
        return List.copyOf(found);
    }

    @Override
    public List<Message> awaitingAcknowledgement(UrgentFollowUp reached, Instant sentBefore, int limit) {
        Objects.requireNonNull(reached, "reached");
        Objects.requireNonNull(sentBefore, "sentBefore");
        requirePositive(limit);
        List<Message> found = new ArrayList<>();
        for (MessageId id : urgent) {
            Optional<Message> stored = find(id);
            if (stored.isEmpty() || stored.get().deleted() || stored.get().followUp() == UrgentFollowUp.ESCALATED) {
                urgent.remove(id);
            } else if (stored.get().awaitsAcknowledgement() && stored.get().followUp() == reached
                    && stored.get().createdAt().isBefore(sentBefore)) {
                found.add(stored.get());
            }
        }
        found.sort(Comparator.comparing(Message::createdAt).thenComparing(message -> message.id().value()));
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    @Override
    public List<Message> referencing(AttachmentId attachment) {
        Set<MessageId> ids = byAttachment.get(attachment);
        if (ids == null) {
            return List.of();
        }
        List<Message> found = new ArrayList<>();
        for (MessageId id : ids) {
            find(id).filter(message -> message.attachment() != null && message.attachment().id().equals(attachment))
                    .ifPresent(found::add);
        }
        found.sort(NEWEST_FIRST);
        return List.copyOf(found);
    }

    /** Substring search ignoring case, character by character, so that nothing in the query is a pattern. */
    private static boolean containsIgnoringCase(String content, String text) {
        if (content == null) {
            return false;
        }
        int last = content.length() - text.length();
        for (int start = 0; start <= last; start++) {
            if (content.regionMatches(true, start, text, 0, text.length())) {
                return true;
            }
        }
        return false;
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /** Who sent under which client message id: the key that makes a resent message idempotent. */
    private record SenderKey(UserId sender, String clientMessageId) {
    }

    /** A stored message's log and seq. */
    private record Place(Log log, long seq) {
    }

    /** One conversation's messages by place ({@link Places}). Appends take the lock; reads never do. */
    private static final class Log {
        private final ReentrantLock appending = new ReentrantLock();
        private final Places places = new Places();

        Message append(MessageDraft draft, ConcurrentHashMap<MessageId, Place> placeOf) {
            appending.lock();
            try {
                Message message = draft.at(places.last() + 1);
                if (placeOf.putIfAbsent(message.id(), new Place(this, message.seq())) != null) {
                    throw new IllegalArgumentException("a message with id " + draft.id() + " is already stored");
                }
                places.set(message.seq(), message);
                return message;
            } finally {
                appending.unlock();
            }
        }

        void insert(Message message, ConcurrentHashMap<MessageId, Place> placeOf) {
            appending.lock();
            try {
                placeOf.put(message.id(), new Place(this, message.seq()));
                places.set(message.seq(), message);
            } finally {
                appending.unlock();
            }
        }

        Optional<Message> update(long seq, UnaryOperator<Message> change) {
            // Optimistic: a change that lost a race is applied again to the newer message.
            while (true) {
                Message current = places.get(seq);
                Message next = Objects.requireNonNull(change.apply(current), "the change returned no message");
                requireSameIdentity(current, next);
                if (places.replace(seq, current, next)) {
                    return Optional.of(next);
                }
            }
        }

        private static void requireSameIdentity(Message current, Message next) {
            if (!next.id().equals(current.id()) || !next.conversationId().equals(current.conversationId())
                    || next.seq() != current.seq() || !next.senderId().equals(current.senderId())
                    || !Objects.equals(next.clientMessageId(), current.clientMessageId())) {
                throw new IllegalArgumentException("a change may not move a message or change who sent it");
            }
        }
    }
}
