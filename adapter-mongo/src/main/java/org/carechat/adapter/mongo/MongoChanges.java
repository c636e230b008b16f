package org.carechat.adapter.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.bson.Document;
import org.carechat.application.port.Change;
import org.carechat.application.port.Change.Write;
import org.carechat.application.port.ChangeConflict;
import org.carechat.application.port.Changes;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;

/**
 * Commits a change to MongoDB without a multi-document transaction (a standalone server and mongo-java-server
 * have none): one write per document, in an order that a crash between any two of them cannot break, and
 * compare-and-sets that refuse a change computed from what is no longer stored.
 *
 * <h2>The order of writes</h2>
 * <ol>
 *   <li>the audit entry (insert);</li>
 *   <li>the messages: a new one is inserted at its place, and the unique indexes on {@code (conversationId, seq)},
 *       {@code place}, {@code clientKey} and {@code _id} refuse a place, retry key or id that is taken; a changed one
 *       is a compare-and-set from the message that was read;</li>
 *   <li>the conversations: a compare-and-set from the conversation that was read (a new one: insert);</li>
 *   <li>the people and care relationships: upserts by id, which cannot collide ({@link Upsert}).</li>
 * </ol>
 * A compare-and-set is a {@code replaceOne} filtered by {@code _id} and {@code v}, the fingerprint of the
 * content that was read ({@link ContentVersion}): it replaces the document only if it still holds exactly that,
 * and needs no version in the domain. A plain send is thus three commands (insert, insert, update), a receipt
 * two, an edit two.
 *
 * <p>A crash between two writes leaves a prefix of them, and every prefix is a state the store can live with:
 * an audit entry whose change is not stored (the trail records an attempt, nothing else is touched); or a
 * message whose conversation has not moved on to it: an <em>orphan</em>, at the place after the conversation's
 * {@code lastSeq}. Never a conversation that counts a message that is not stored, which is why the conversation
 * is written after its message. Readers may see an orphan (history reads places, see {@link MongoMessages}).
 *
 * <h2>Collisions</h2>
 * A refused insert or a compare-and-set that matched nothing is a {@link ChangeConflict}, after this commit took
 * back what it wrote, the latest first (so that taking back is itself a prefix of the writes in reverse, and
 * a crash in the middle of it leaves one of the states above): the conversations it replaced are set back,
 * the messages it replaced are set back and those it inserted deleted, and its audit entry is deleted, so
 * nothing of the change stays. Each taking back of a message or conversation is again conditional: it only
 * undoes what is still as this commit left it (the audit entry, which nobody else writes, is simply deleted).
 *
 * <h2>Orphans heal</h2>
 * The next message to the conversation takes the orphan's place (lastSeq + 1) and collides with it. The
 * colliding commit then adopts the orphan: it moves the stored conversation on with
 * {@link Conversation#withMessage(Message)}, as a compare-and-set, and reports its own conflict, so that the
 * core computes its message again and takes the next place.
 *
 * <p>The commit that stored a message cannot be told from one that crashed: it may only be slow, and about to
 * find its conversation moved on (by the adoption, or by anyone) and take its message back, after the
 * conversation counted it. So a message carries {@code insertedBy} (its commit's audit id) until anything else
 * writes it. The adopting commit first removes it ({@code $unset}), and the inserting commit takes its message
 * back only by a delete filtered by {@code _id} and that mark. One of the two writes wins: either the message
 * is gone and is not adopted, or it is marked as kept and cannot be taken back. A commit whose message is
 * kept so stands as a crash right after the message would have, and returns normally: its conversation moves
 * on by the adoption (now, or at the next send), and the rest of the change is written. The same holds when
 * anybody else wrote the new message first (a reaction to it). That is the shape of every send the core
 * commits: one new message, then its conversation. In a change of another shape, a write that cannot be taken
 * back stays with everything before it and the commit still reports a {@link ChangeConflict}, which says so;
 * the core builds no such change today.
 *
 * <h2>Copies</h2>
 * A commit keeps this process's copies ({@link ConversationCopy}, {@link PeopleCopy}) as it leaves the store: the
 * conversations, people and care relationships it committed replace their copies once everything is written;
 * after a collision or a failure those copies are forgotten, so the change computed again reads what is stored.
 *
 * <h2>Failures</h2>
 * When the database does not answer ({@link MongoErrors}), whether the last write took effect is unknown, so
 * nothing is taken back: what is stored is what a crash at that point leaves. Any other failure takes back
 * what the commit wrote before it is rethrown.
 */
public final class MongoChanges implements Changes {
    private static final String ID = "_id";
    private static final String VERSION = ContentVersion.FIELD;

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> audit;
    private final MongoCollection<Document> directory;
    private final MongoCollection<Document> careRelationships;
    private final ConversationCopy conversationCopy;
    private final PeopleCopy peopleCopy;

    MongoChanges(MongoDatabase database) {
        this(database, new ConversationCopy(), PeopleCopy.none());
    }

    /**
     * Keeps {@code conversationCopy} and {@code peopleCopy} as this process commits: what it committed once it is
     * stored, forgotten when a commit collides or fails.
     */
    MongoChanges(MongoDatabase database, ConversationCopy conversationCopy, PeopleCopy peopleCopy) {
        this.conversationCopy = conversationCopy;
        this.peopleCopy = peopleCopy;
        this.messages = database.getCollection(MongoIndexes.MESSAGES);
        this.conversations = database.getCollection(MongoIndexes.CONVERSATIONS);
        this.audit = database.getCollection(MongoIndexes.AUDIT);
        this.directory = database.getCollection(MongoIndexes.DIRECTORY);
        this.careRelationships = database.getCollection(MongoIndexes.CARE_RELATIONSHIPS);
    }

    @Override
    public void commit(Change change) {
        Objects.requireNonNull(change, "change");
        for (Write<Message> write : change.messages()) {
            if (!write.isNew()) {
                MongoMessages.requireSameIdentity(write.before(), write.after());
            }
        }
        for (Write<Conversation> write : change.conversations()) {
            if (!write.isNew()) {
                MongoConversations.requireSameIdentity(write.before(), write.after());
            }
        }
        Commit commit = new Commit(change);
        try {
            MongoErrors.run("commit a change", commit::run);
        } catch (RuntimeException e) {
            forgetCopies(change);
            throw e;
        }
        for (Write<Conversation> write : change.conversations()) {
            if (commit.notAsComputed.contains(write.after().id())) {
                conversationCopy.forget(write.after().id());
            } else {
                conversationCopy.put(write.after());
            }
        }
        change.users().forEach(peopleCopy::saved);
        change.careRelationships().forEach(peopleCopy::saved);
    }

    /** After a collision or a failure: what is stored is not known here any more, so it is read next time. */
    private void forgetCopies(Change change) {
        for (Write<Conversation> write : change.conversations()) {
            conversationCopy.forget(write.after().id());
        }
        change.users().forEach(peopleCopy::forget);
        change.careRelationships().forEach(peopleCopy::forget);
    }

    /** One run of {@link #commit}: what it wrote, so that a collision can take it back. */
    private final class Commit {
        private final Change change;
        private final String auditId;
        /** What this commit wrote, the latest on top. */
        private final Deque<Written> written = new ArrayDeque<>();
        /** The conversations this commit did not leave as the change computed them. */
        private final Set<ConversationId> notAsComputed = new HashSet<>();

        Commit(Change change) {
            this.change = change;
            this.auditId = change.audit().id();
        }

        void run() {
            try {
                writeAll();
            } catch (ChangeConflict conflict) {
                throw conflict;
            } catch (MongoException e) {
                if (MongoErrors.isUnavailable(e)) {
                    // the last write may or may not have taken effect: leave what a crash here would leave
                    throw e;
                }
                takeBackAfter(e);
                throw e;
            } catch (RuntimeException e) {
                takeBackAfter(e);
                throw e;
            }
        }

        private void writeAll() {
            insertAudit();
            for (Write<Message> write : change.messages()) {
                if (write.isNew()) {
                    insertMessage(write.after());
                } else {
                    replaceMessage(write);
                }
            }
            for (Write<Conversation> write : change.conversations()) {
                writeConversation(write);
            }
            for (User user : change.users()) {
                Upsert.byId(directory, user.id().value(), UserMapper.toDocument(user));
            }
            for (CareRelationship relationship : change.careRelationships()) {
                Upsert.byId(careRelationships, CareRelationshipMapper.id(relationship.patient(),
                        relationship.clinician()), CareRelationshipMapper.toDocument(relationship));
            }
        }

        private void insertAudit() {
            try {
                audit.insertOne(AuditEntryMapper.toDocument(change.audit()));
            } catch (MongoException e) {
                if (MongoErrors.duplicateKeyIndex(e).filter(MongoIndexes.ID::equals).isEmpty()) {
                    throw e;
                }
                // stored already, by an earlier run of this change: not this commit's to take back
                return;
            }
            written.push(new Written("audit entry " + auditId, null, () -> {
                audit.deleteOne(new Document(ID, auditId));
                return true;
            }));
        }

        private void insertMessage(Message message) {
            String id = message.id().value();
            try {
                messages.insertOne(MessageMapper.toDocument(message).append(MessageMapper.INSERTED_BY, auditId));
            } catch (MongoException e) {
                String index = MongoErrors.duplicateKeyIndex(e).orElseThrow(() -> e);
                adoptOrphanAt(message);
                throw conflict(collisionOf(message, index));
            }
            written.push(new Written("message " + id, message, () -> messages.deleteOne(
                    new Document(ID, id).append(MessageMapper.INSERTED_BY, auditId)).getDeletedCount() == 1));
        }

        private void replaceMessage(Write<Message> write) {
            String id = write.after().id().value();
            Document replacement = MessageMapper.toDocument(write.after());
            if (!compareAndSet(messages, id, write.before(), MessageMapper::toDocument, MessageMapper::fromDocument,
                    replacement)) {
                throw conflict("message " + id + " changed since it was read");
            }
            Document restored = MessageMapper.toDocument(write.before());
            written.push(new Written("the change of message " + id, null,
                    () -> replaceAt(messages, id, replacement.get(VERSION), restored)));
        }

        private void writeConversation(Write<Conversation> write) {
            String id = write.after().id().value();
            Document replacement = ConversationMapper.toDocument(write.after());
            if (write.isNew()) {
                try {
                    conversations.insertOne(replacement);
                } catch (MongoException e) {
                    String index = MongoErrors.duplicateKeyIndex(e).orElseThrow(() -> e);
                    throw conflict(index.equals(MongoIndexes.CONVERSATION_DIRECT_PAIR)
                            ? "the pair of conversation " + id + " has a direct conversation already"
                            : "conversation " + id + " exists already");
                }
                written.push(new Written("conversation " + id, null, () -> conversations.deleteOne(
                        new Document(ID, id).append(VERSION, replacement.get(VERSION))).getDeletedCount() == 1));
                return;
            }
            if (compareAndSet(conversations, id, write.before(), ConversationMapper::toDocument,
                    ConversationMapper::fromDocument, replacement)) {
                Document restored = ConversationMapper.toDocument(write.before());
                written.push(new Written("the change of conversation " + id, null,
                        () -> replaceAt(conversations, id, replacement.get(VERSION), restored)));
                return;
            }
            String reason = "conversation " + id + " changed since it was read";
            Kept kept = takeBack();
            if (kept == null) {
                throw new ChangeConflict(reason);
            }
            Message inserted = kept.write().inserted();
            if (!kept.first() || inserted == null || !inserted.conversationId().equals(write.after().id())) {
                throw keptAnyway(reason, kept.write());
            }
            // The new message of this conversation stays: another writer took it up (an adoption moves the
            // conversation on to it, as this write would have). The change stands as a crash right after the
            // message would have left it, and the rest of it is written.
            notAsComputed.add(write.after().id());
        }

        /**
         * Adopts the message at {@code message}'s place when it is an orphan, the one after the stored
         * conversation's last: moves the conversation on to it, after marking it as kept, so that the commit that
         * inserted it, if it is still running, cannot take it back any more. Anything that does not fit (the
         * place counted already, or free again, the conversation moved on meanwhile) leaves it for the next one.
         */
        private void adoptOrphanAt(Message message) {
            String conversationId = message.conversationId().value();
            Document found = messages.find(new Document(MessageMapper.PLACE,
                    MessageMapper.place(conversationId, message.seq()))).first();
            if (found == null) {
                return;
            }
            Document stored = conversations.find(new Document(ID, conversationId)).first();
            if (stored == null) {
                return;
            }
            Conversation conversation = ConversationMapper.fromDocument(stored);
            Message orphan = MessageMapper.fromDocument(found);
            if (orphan.seq() != conversation.nextSeq()) {
                return;
            }
            if (found.containsKey(MessageMapper.INSERTED_BY) && messages.updateOne(
                    new Document(ID, orphan.id().value()), Updates.unset(MessageMapper.INSERTED_BY)).getMatchedCount() == 0) {
                return;
            }
            replaceAt(conversations, conversationId, stored.get(VERSION),
                    ConversationMapper.toDocument(conversation.withMessage(orphan)));
        }

        /** Takes back what this commit wrote and returns the conflict to throw. */
        private ChangeConflict conflict(String reason) {
            Kept kept = takeBack();
            return kept == null ? new ChangeConflict(reason) : keptAnyway(reason, kept.write());
        }

        private ChangeConflict keptAnyway(String reason, Written kept) {
            return new ChangeConflict(reason + "; " + kept.what() + " could not be taken back, another writer wrote"
                    + " it since, and stays with what this change wrote before it");
        }

        /**
         * Takes back what this commit wrote, the latest first, and stops at the first write that another writer
         * has built on since: that one, which stays with everything written before it, is returned, or null when
         * everything was taken back.
         */
        private Kept takeBack() {
            boolean first = true;
            while (!written.isEmpty()) {
                Written latest = written.peek();
                if (!latest.takeBack().getAsBoolean()) {
                    return new Kept(latest, first);
                }
                written.pop();
                first = false;
            }
            return null;
        }

        private void takeBackAfter(RuntimeException failure) {
            try {
                takeBack();
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
    }

    /** Why a new message was refused, from the unique index that refused it. */
    private static String collisionOf(Message message, String index) {
        return switch (index) {
            case MongoIndexes.MESSAGE_CONVERSATION_SEQ, MongoIndexes.MESSAGE_PLACE ->
                    "seq " + message.seq() + " of conversation " + message.conversationId() + " is taken";
            case MongoIndexes.MESSAGE_CLIENT_KEY -> "clientMessageId " + message.clientMessageId() + " of "
                    + message.senderId() + " is taken";
            case MongoIndexes.ID -> "message id " + message.id() + " is taken";
            default -> "message " + message.id() + " collides with a stored one on index " + index;
        };
    }

    /**
     * Replaces the document {@code id} by {@code replacement} if it holds {@code before}: by its fingerprint,
     * one command; when that matches nothing, the stored document is read and its content compared, which
     * tells a document changed since from one an earlier version of this adapter wrote with a counter as its
     * version, set then by that version.
     */
    private static <T> boolean compareAndSet(MongoCollection<Document> collection, String id, T before,
                                             Function<T, Document> toDocument, Function<Document, T> fromDocument,
                                             Document replacement) {
        if (replaceAt(collection, id, toDocument.apply(before).get(VERSION), replacement)) {
            return true;
        }
        Document stored = collection.find(new Document(ID, id)).first();
        return stored != null && fromDocument.apply(stored).equals(before)
                && replaceAt(collection, id, stored.get(VERSION), replacement);
    }

    private static boolean replaceAt(MongoCollection<Document> collection, String id, Object version,
                                     Document replacement) {
        return collection.replaceOne(new Document(ID, id).append(VERSION, version), replacement).getMatchedCount() == 1;
    }

    /** A write of this commit: what it was, the new message if it inserted one, and how to take it back. */
    private record Written(String what, Message inserted, BooleanSupplier takeBack) {
    }

    /** A write that could not be taken back; {@code first} when nothing else was taken back before it. */
    private record Kept(Written write, boolean first) {
    }
}
