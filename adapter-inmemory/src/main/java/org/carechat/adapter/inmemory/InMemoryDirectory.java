package org.carechat.adapter.inmemory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.carechat.application.port.DirectoryStore;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/** Who people are, kept in memory: the directory of a standalone server or of a test. */
public final class InMemoryDirectory implements DirectoryStore {
    private final ConcurrentHashMap<UserId, User> byId = new ConcurrentHashMap<>();

    @Override
    public void save(User user) {
        Objects.requireNonNull(user, "user");
        byId.put(user.id(), user);
    }

    @Override
    public Optional<User> find(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }
}
