package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.result.UpdateResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * Read, change, write back only if nobody wrote in between. Every stored aggregate that can be changed
 * carries a version ({@code v}, a fingerprint of its content: {@link ContentVersion}); the write is a
 * {@code replaceOne} filtered by id <em>and</em> the version that was read (whatever it is: a counter in a
 * document an earlier version of this adapter wrote), and stores the next content with its fingerprint. When another writer came first the filter matches nothing,
 * and the change is applied again to what that writer stored. So no concurrent change is lost, and a change
 * may run more than once, which the ports allow. The database holds no lock between the read and the write;
 * updates of one document from this process take turns ({@link Stripes}), so only writers in other processes
 * ever make an update try again.
 *
 * @param <T> the domain object
 */
final class OptimisticUpdate<T> {
    private static final String ID = "_id";
    private static final String VERSION = ContentVersion.FIELD;

    private final MongoCollection<Document> collection;
    private final Function<Document, T> fromDocument;
    private final Function<T, Document> toDocument;
    private final BiConsumer<T, T> requireSameIdentity;
    private final Stripes updating;

    OptimisticUpdate(MongoCollection<Document> collection, Function<Document, T> fromDocument,
                     Function<T, Document> toDocument, BiConsumer<T, T> requireSameIdentity, Duration maxTurnWait) {
        this.collection = collection;
        this.fromDocument = fromDocument;
        this.toDocument = toDocument;
        this.requireSameIdentity = requireSameIdentity;
        this.updating = new Stripes(maxTurnWait);
    }

    /**
     * Applies {@code change} to the stored object with id {@code id}; empty when there is none. An exception
     * thrown by {@code change} propagates unchanged and nothing is written.
     */
    Optional<T> apply(String id, UnaryOperator<T> change) {
        Objects.requireNonNull(change, "change");
        return updating.withTurn(id, () -> applyOptimistically(id, change));
    }

    private Optional<T> applyOptimistically(String id, UnaryOperator<T> change) {
        for (int lost = 0; ; lost++) {
            if (lost > 0) {
                backOff(lost);
            }
            Document stored = collection.find(eq(ID, id)).first();
            if (stored == null) {
                return Optional.empty();
            }
            T current = fromDocument.apply(stored);
            Object version = stored.get(VERSION);
            T next = Objects.requireNonNull(change.apply(current), "the change returned nothing");
            requireSameIdentity.accept(current, next);
            if (next.equals(current)) {
                return Optional.of(current);
            }
            Document replacement = toDocument.apply(next);
            UpdateResult result = collection.replaceOne(new Document(ID, id).append(VERSION, version), replacement);
            if (result.getMatchedCount() == 1) {
                return Optional.of(fromDocument.apply(replacement));
            }
            // Another writer stored a newer version since the read: apply the change to that one.
        }
    }

    /** After losing {@code lost} races in a row, waits a random while, growing, so that writers stop colliding. */
    private static void backOff(int lost) {
        long maxMicros = 100L << Math.min(lost, 7);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxMicros) * 1_000L);
    }
}
