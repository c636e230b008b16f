package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
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
 * Messages in MongoDB, one document each ({@link MessageMapper}), at their place {@code (conversationId, seq)}.
 *
 * <h2>Places: atomic and gap-free without a read-then-write race</h2>
 * A message is inserted at the place after the last one, and the unique index on {@code (conversationId, seq)}
 * decides: when another writer took that place first, the insert fails with a duplicate key and nothing is
 * stored, and the append tries the next place. No counter is kept apart from the messages: a place exists only
 * because its message exists, so places are gap-free by construction (an insert that fails leaves no hole, a
 * crash between two steps cannot leave one, because there is only one step). Messages are never removed
 * (a deletion keeps a tombstone), so places never disappear, as long as the database keeps what it
 * acknowledged: with write concern {@code w1} a failover may roll back the last writes, and a restore from a
 * backup takes the log back in time; restart the server after either, so that no hint below survives it.
 * The one exception: a commit of {@link MongoChanges} whose change collided takes back the message it had
 * just inserted, a moment after a reader may have seen it; a hint raised by that reader is then one too high
 * until the place is taken again, which the core's next send to the conversation does. The core writes
 * through {@link MongoChanges}; {@link #append} serves migration and the port's contract.
 *
 * <p>Where to try first comes from a per-conversation hint: the highest place this store has seen exist
 * (stored by it, refused to it as taken, or read). The hint can only be too low, never too high, so the first
 * insert that succeeds is exactly at the last place plus one. It is found by point lookups of places on the
 * first append to a conversation, and after a collision. Appends to one conversation from this
 * process take turns ({@link Stripes}), so collisions only come from other instances of the server.
 *
 * <p>The append is acknowledged (returns) only after the insert is acknowledged with the collection's write
 * concern ({@code majority} with journal by default), so a message acknowledged to its sender is stored.
 *
 * <h2>Idempotent appends</h2>
 * A message with a client message id stores {@code clientKey = senderId|clientMessageId} under a sparse unique
 * index. An append first looks the key up; when two appends of the same key race, the index lets exactly one
 * insert through, and the other gets a duplicate key on that index and returns the stored original with
 * {@code created = false}. A refused duplicate consumes no place.
 *
 * <h2>History</h2>
 * Because places are gap-free, the page before or after a seq is a known list of places, read as one
 * {@code $in} on the single-field unique index {@code place} ({@code conversationId|seq}). A range on
 * {@code (conversationId, seq)} would say the same, but mongo-java-server, the embedded store, answers a range
 * by scanning every message of every conversation; the list of places is a handful of index hits on both.
 *
 * <h2>Updates</h2>
 * Edits, deletions and reactions are an {@link OptimisticUpdate} on the message's version.
 *
 * <h2>Search</h2>
 * The lower-cased query is {@link Pattern#quote quoted} into a regular expression matched against
 * {@code contentLower}, the stored lower-case copy of the content: case is ignored beyond ASCII, and every
 * character the client typed is literal. Client text only ever becomes a value in a typed filter, never an
 * operator or a field name.
 */
public final class MongoMessages implements Messages {
    private static final int MAX_COLLISIONS = 10_000;
    private static final int MAX_HINTS = 100_000;

    private final MongoCollection<Document> messages;
    private final OptimisticUpdate<Message> updates;
    private final ConcurrentHashMap<String, Long> lastSeqHints = new ConcurrentHashMap<>();
    private final Stripes appending;

    MongoMessages(MongoCollection<Document> messages, Duration maxTurnWait) {
        this.messages = messages;
        this.appending = new Stripes(maxTurnWait);
        this.updates = new OptimisticUpdate<>(messages, MessageMapper::fromDocument, MessageMapper::toDocument,
                MongoMessages::requireSameIdentity, maxTurnWait);
    }

    @Override
    public Appended append(MessageDraft draft) {
        Objects.requireNonNull(draft, "draft");
        return MongoErrors.call("append a message", () -> {
            if (draft.clientMessageId() != null) {
                Optional<Message> original = findByClientMessageId(draft.senderId(), draft.clientMessageId());
                if (original.isPresent()) {
                    return new Appended(original.get(), false);
                }
            }
            return appending.withTurn(draft.conversationId().value(), () -> insertAtNextPlace(draft));
        });
    }

    private Appended insertAtNextPlace(MessageDraft draft) {
        String conversation = draft.conversationId().value();
        long seq = lastSeqHint(conversation) + 1;
        for (int collisions = 0; collisions < MAX_COLLISIONS; ) {
            Document document = MessageMapper.toDocument(draft.at(seq));
            try {
                messages.insertOne(document);
                remember(conversation, seq);
                return new Appended(MessageMapper.fromDocument(document), true);
            } catch (MongoException e) {
                String index = MongoErrors.duplicateKeyIndex(e).orElseThrow(() -> e);
                switch (index) {
                    case MongoIndexes.MESSAGE_CONVERSATION_SEQ, MongoIndexes.MESSAGE_PLACE -> {
                        // Another process took the place: it may be far ahead, so ask where the log ends.
                        collisions++;
                        seq = Math.max(seq, readLastSeq(conversation)) + 1;
                    }
                    case MongoIndexes.MESSAGE_CLIENT_KEY -> {
                        Message original = Visibility.await(
                                () -> findByClientMessageId(draft.senderId(), draft.clientMessageId()), e);
                        return new Appended(original, false);
                    }
                    case MongoIndexes.ID -> throw new IllegalArgumentException(
                            "a message with id " + draft.id() + " is already stored", e);
                    default -> throw e;
                }
            }
        }
        throw new IllegalStateException("no free place found in conversation " + conversation);
    }

    @Override
    public Optional<Message> find(MessageId id) {
        Objects.requireNonNull(id, "id");
        return MongoErrors.call("find a message", () -> first(eq(MessageMapper.ID, id.value())));
    }

    @Override
    public Optional<Message> findByClientMessageId(UserId sender, String clientMessageId) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        return MongoErrors.call("find a message by client message id",
                () -> first(eq(MessageMapper.CLIENT_KEY, MessageMapper.clientKey(sender, clientMessageId))));
    }

    @Override
    public Optional<Message> update(MessageId id, UnaryOperator<Message> change) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        return MongoErrors.call("update a message", () -> updates.apply(id.value(), change));
    }

    @Override
    public List<Message> before(ConversationId conversation, long beforeSeq, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        requirePositive(limit);
        return MongoErrors.call("read history", () -> {
            String id = conversation.value();
            if (beforeSeq <= 1) {
                return List.of();
            }
            // every place up to the hint exists; above it, ask where the log ends
            long top = beforeSeq - 1 <= lastSeqHintOrZero(id) ? beforeSeq - 1 : Math.min(beforeSeq - 1, readLastSeq(id));
            return atPlaces(id, Math.max(1, top - limit + 1), top, descending(MessageMapper.SEQ));
        });
    }

    @Override
    public List<Message> after(ConversationId conversation, long afterSeq, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        requirePositive(limit);
        return MongoErrors.call("read history", () -> {
            String id = conversation.value();
            long first = Math.max(1, afterSeq + 1);
            long last = readLastSeq(id);
            return atPlaces(id, first, Math.min(last, first + limit - 1), ascending(MessageMapper.SEQ));
        });
    }

    /**
     * The messages at places {@code from..to} of a conversation, as one {@code $in} of places: places are
     * gap-free, so a page is known before it is read, and the query is one that mongo-java-server answers from
     * its unique index instead of scanning every message (it uses no index for a range).
     */
    private List<Message> atPlaces(String conversation, long from, long to, Bson order) {
        if (to < from) {
            return List.of();
        }
        List<String> places = new ArrayList<>((int) (to - from + 1));
        for (long seq = from; seq <= to; seq++) {
            places.add(MessageMapper.place(conversation, seq));
        }
        return list(messages.find(new Document(MessageMapper.PLACE, new Document("$in", places))).sort(order));
    }

    @Override
    public List<Message> ofType(ConversationId conversation, MessageType type, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(type, "type");
        requirePositive(limit);
        return MongoErrors.call("read messages of a type", () -> list(messages
                .find(and(eq(MessageMapper.CONVERSATION_ID, conversation.value()), eq(MessageMapper.TYPE, type.name())))
                .sort(descending(MessageMapper.SEQ)).limit(limit)));
    }

    @Override
    public List<Message> search(Collection<ConversationId> conversations, String text, int limit) {
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(text, "text");
        requirePositive(limit);
        if (conversations.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(conversations.stream().map(ConversationId::value).toList()));
        Pattern literal = Pattern.compile(Pattern.quote(MessageMapper.lower(text)));
        return MongoErrors.call("search messages", () -> list(messages
                .find(and(in(MessageMapper.CONVERSATION_ID, ids), eq(MessageMapper.DELETED, false),
                        regex(MessageMapper.CONTENT_LOWER, literal)))
                .sort(orderBy(descending(MessageMapper.CREATED_AT), descending(MessageMapper.SEQ))).limit(limit)));
    }

    @Override
    public List<Message> awaitingAcknowledgement(UrgentFollowUp reached, Instant sentBefore, int limit) {
        Objects.requireNonNull(reached, "reached");
        Objects.requireNonNull(sentBefore, "sentBefore");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (reached == UrgentFollowUp.ESCALATED) {
            return List.of();
        }
        // routine messages have no priority field: the index of priority, followUp and createdAt serves this
        return MongoErrors.call("find urgent messages awaiting an acknowledgement", () -> list(messages
                .find(and(eq(MessageMapper.PRIORITY, MessagePriority.URGENT.name()), eq(MessageMapper.DELETED, false),
                        exists(MessageMapper.ACKNOWLEDGEMENTS, false),
                        // not yet followed up: no field
                        eq(MessageMapper.FOLLOW_UP, reached == UrgentFollowUp.NONE ? null : reached.name()),
                        lt(MessageMapper.CREATED_AT, Fields.date(sentBefore))))
                .sort(orderBy(ascending(MessageMapper.CREATED_AT), ascending(MessageMapper.ID)))
                .limit(limit)));
    }

    @Override
    public List<Message> purgeCandidates(PurgeQuery query) {
        Objects.requireNonNull(query, "query");
        Bson conversations = query.only().isEmpty()
                ? nin(MessageMapper.CONVERSATION_ID, query.excluding().stream().map(ConversationId::value).toList())
                : in(MessageMapper.CONVERSATION_ID, query.only().stream().map(ConversationId::value).toList());
        return MongoErrors.call("find messages due for purging", () -> list(messages
                .find(and(eq(MessageMapper.DELETED, false), lt(MessageMapper.CREATED_AT,
                        Fields.dateRoundedUp(query.before())), conversations))
                .sort(orderBy(ascending(MessageMapper.CREATED_AT), ascending(MessageMapper.ID))).limit(query.limit())));
    }

    @Override
    public List<Message> referencing(AttachmentId attachment) {
        Objects.requireNonNull(attachment, "attachment");
        return MongoErrors.call("find messages carrying an attachment", () -> list(messages
                .find(and(eq(MessageMapper.ATTACHMENT_ID, attachment.value()), eq(MessageMapper.DELETED, false)))
                .sort(orderBy(descending(MessageMapper.CREATED_AT), descending(MessageMapper.SEQ)))));
    }

    private Optional<Message> first(Bson filter) {
        return Optional.ofNullable(messages.find(filter).first()).map(MessageMapper::fromDocument);
    }

    private static List<Message> list(FindIterable<Document> found) {
        List<Message> result = new ArrayList<>();
        found.forEach(document -> result.add(MessageMapper.fromDocument(document)));
        return List.copyOf(result);
    }

    private long lastSeqHint(String conversation) {
        Long hint = lastSeqHints.get(conversation);
        return hint != null ? hint : readLastSeq(conversation);
    }

    private long lastSeqHintOrZero(String conversation) {
        Long hint = lastSeqHints.get(conversation);
        return hint != null ? hint : 0;
    }

    /**
     * The last place of a conversation, found from the hint by exact lookups of places (gallop up until a place
     * is free, then halve the gap): places are gap-free, so "exists" is true exactly up to the last one. About
     * 2 log2(n) point lookups on a cold start with n messages, and one when the hint is current; each is a
     * unique-index hit on MongoDB and on mongo-java-server alike, where a sort by seq would scan every message.
     */
    private long readLastSeq(String conversation) {
        long known = lastSeqHintOrZero(conversation);
        long free = known + 1;
        for (long step = 1; placeExists(conversation, free); step *= 2) {
            known = free;
            free = known + step;
        }
        while (free - known > 1) {
            long middle = known + (free - known) / 2;
            if (placeExists(conversation, middle)) {
                known = middle;
            } else {
                free = middle;
            }
        }
        remember(conversation, known);
        return known;
    }

    private boolean placeExists(String conversation, long seq) {
        return messages.find(new Document(MessageMapper.PLACE, MessageMapper.place(conversation, seq)))
                .projection(include(MessageMapper.ID)).first() != null;
    }

    /** Records that place {@code seq} exists; the hint only ever grows, so it never points past the last place. */
    private void remember(String conversation, long seq) {
        if (seq < 1) {
            return;
        }
        if (lastSeqHints.size() > MAX_HINTS) {
            // Only a hint: forgetting costs one read on the next append to each conversation.
            lastSeqHints.clear();
        }
        lastSeqHints.merge(conversation, seq, Math::max);
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    static void requireSameIdentity(Message current, Message next) {
        if (!next.id().equals(current.id()) || !next.conversationId().equals(current.conversationId())
                || next.seq() != current.seq() || !next.senderId().equals(current.senderId())
                || !Objects.equals(next.clientMessageId(), current.clientMessageId())) {
            throw new IllegalArgumentException("a change may not move a message or change who sent it");
        }
    }
}
