package org.carechat.adapter.sqlite;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carechat.application.port.DirectoryStore;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * The directory in SQLite ({@link DirectoryRows}): one row per user; a save replaces it, the last one wins. Reads
 * answer from the committed copy in memory ({@link CommittedPeople}).
 */
final class SqliteDirectory implements DirectoryStore {
    private final SqliteWriter writer;
    private final CommittedPeople people;

    SqliteDirectory(SqliteWriter writer, CommittedPeople people) {
        this.writer = writer;
        this.people = people;
    }

    @Override
    public void save(User user) {
        Objects.requireNonNull(user, "user");
        writer.write("save a directory entry", session -> {
            DirectoryRows.save(session, user);
            return people.saved(List.of(user), List.of());
        });
    }

    @Override
    public Optional<User> find(UserId id) {
        Objects.requireNonNull(id, "id");
        return people.user(id);
    }
}
