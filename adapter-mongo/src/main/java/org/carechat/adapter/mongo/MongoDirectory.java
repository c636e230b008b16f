package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.carechat.application.port.DirectoryStore;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * The directory in MongoDB: one document per user, keyed by the user id ({@link UserMapper}). A save replaces
 * the entry or inserts it; racing saves of one id are settled by the {@code _id} index, the last one wins. A look-up
 * is answered from {@link PeopleCopy} while it holds the entry.
 */
public final class MongoDirectory implements DirectoryStore {
    private final MongoCollection<Document> users;
    private final PeopleCopy copy;

    MongoDirectory(MongoCollection<Document> users) {
        this(users, PeopleCopy.none());
    }

    MongoDirectory(MongoCollection<Document> users, PeopleCopy copy) {
        this.users = users;
        this.copy = copy;
    }

    @Override
    public void save(User user) {
        Objects.requireNonNull(user, "user");
        Document document = UserMapper.toDocument(user);
        try {
            MongoErrors.run("save a directory entry", () -> Upsert.byId(users, user.id().value(), document));
        } catch (RuntimeException e) {
            copy.forget(user);
            throw e;
        }
        copy.saved(user);
    }

    @Override
    public Optional<User> find(UserId id) {
        Objects.requireNonNull(id, "id");
        return copy.user(id, () -> MongoErrors.call("find a directory entry", () -> Optional.ofNullable(
                users.find(eq(UserMapper.ID, id.value())).first()).map(UserMapper::fromDocument)));
    }
}
