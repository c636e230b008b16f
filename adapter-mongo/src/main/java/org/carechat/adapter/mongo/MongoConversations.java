package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.carechat.application.port.Conversations;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;

/**
 * Conversations and their participants' cursors in MongoDB, one document each ({@link ConversationMapper}).
 *
 * <ul>
 *   <li><b>One direct conversation per pair</b>: the unique index on {@code directKey} (the pair in a fixed
 *       order) decides races. {@link #getOrCreateDirect} inserts the candidate; on a duplicate key on that
 *       index, another creator won, and its conversation is read and returned. There is no read-then-insert
 *       window in which two creators could both store one.</li>
 *   <li><b>Atomic updates</b>: {@link #update} is an {@link OptimisticUpdate}: replace filtered by id and
 *       version (a fingerprint of the content, {@link ContentVersion}), retried on a lost race, so no
 *       concurrent change is lost. {@link MongoChanges} sets by the same version.</li>
 *   <li><b>The list</b>: by participant, most recently updated first (ties by id), served by the index on
 *       {@code (participants, updatedAt)}.</li>
 *   <li><b>Read to change</b>: {@link #findToChange} answers from the copy this process last read or
 *       committed ({@link ConversationCopy}), which {@link MongoChanges} keeps up to date and forgets after a
 *       collision.</li>
 * </ul>
 */
public final class MongoConversations implements Conversations {
    private final MongoCollection<Document> conversations;
    private final OptimisticUpdate<Conversation> updates;
    private final ConversationCopy copy;

    MongoConversations(MongoCollection<Document> conversations, Duration maxTurnWait) {
        this(conversations, maxTurnWait, new ConversationCopy());
    }

    MongoConversations(MongoCollection<Document> conversations, Duration maxTurnWait, ConversationCopy copy) {
        this.conversations = conversations;
        this.copy = copy;
        this.updates = new OptimisticUpdate<>(conversations, ConversationMapper::fromDocument,
                ConversationMapper::toDocument, MongoConversations::requireSameIdentity, maxTurnWait);
    }

    @Override
    public Optional<Conversation> find(ConversationId id) {
        Objects.requireNonNull(id, "id");
        return MongoErrors.call("find a conversation", () -> Optional.ofNullable(
                conversations.find(eq(ConversationMapper.ID, id.value())).first()).map(ConversationMapper::fromDocument));
    }

    @Override
    public Optional<Conversation> findDirect(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return MongoErrors.call("find a direct conversation", () -> findByDirectKey(Conversation.directKey(a, b)));
    }

    /** From this process's copy when it has one ({@link ConversationCopy}); a read of the database otherwise. */
    @Override
    public Optional<Conversation> findToChange(ConversationId id) {
        Objects.requireNonNull(id, "id");
        Optional<Conversation> kept = copy.get(id);
        if (kept.isPresent()) {
            return kept;
        }
        Optional<Conversation> read = find(id);
        read.ifPresent(copy::put);
        return read;
    }

    @Override
    public Optional<Conversation> findDirectToChange(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Optional<ConversationId> id = copy.direct(a, b);
        if (id.isPresent()) {
            return findToChange(id.get());
        }
        Optional<Conversation> read = findDirect(a, b);
        read.ifPresent(copy::put);
        return read;
    }

    @Override
    public Conversation getOrCreateDirect(Conversation candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (candidate.participants().size() != 2) {
            throw new IllegalArgumentException("a direct conversation has exactly two participants");
        }
        return MongoErrors.call("get or create a direct conversation", () -> {
            Document document = ConversationMapper.toDocument(candidate);
            try {
                conversations.insertOne(document);
                return ConversationMapper.fromDocument(document);
            } catch (MongoException e) {
                String index = MongoErrors.duplicateKeyIndex(e).orElseThrow(() -> e);
                if (index.equals(MongoIndexes.CONVERSATION_DIRECT_PAIR)) {
                    return Visibility.await(() -> findByDirectKey(candidate.directKey()), e);
                }
                if (index.equals(MongoIndexes.ID)) {
                    throw new IllegalArgumentException("conversation " + candidate.id() + " already exists", e);
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Conversation> update(ConversationId id, UnaryOperator<Conversation> change) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        return MongoErrors.call("update a conversation", () -> updates.apply(id.value(), change));
    }

    @Override
    public List<Conversation> ofParticipant(UserId user) {
        Objects.requireNonNull(user, "user");
        return MongoErrors.call("list conversations", () -> {
            List<Conversation> found = new ArrayList<>();
            conversations.find(eq(ConversationMapper.PARTICIPANTS, user.value()))
                    .sort(orderBy(descending(ConversationMapper.UPDATED_AT), ascending(ConversationMapper.ID)))
                    .forEach(document -> found.add(ConversationMapper.fromDocument(document)));
            return List.copyOf(found);
        });
    }

    private Optional<Conversation> findByDirectKey(String directKey) {
        return Optional.ofNullable(conversations.find(eq(ConversationMapper.DIRECT_KEY, directKey)).first())
                .map(ConversationMapper::fromDocument);
    }

    static void requireSameIdentity(Conversation current, Conversation next) {
        if (!next.id().equals(current.id()) || !next.participants().equals(current.participants())) {
            throw new IllegalArgumentException("a change may not change who takes part in a conversation");
        }
    }
}
