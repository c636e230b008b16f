package org.carechat.adapter.sqlite;

import java.util.Objects;
import java.util.Optional;
import org.carechat.application.port.DirectoryStore;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/** The directory in SQLite ({@link DirectoryRows}): one row per user; a save replaces it, the last one wins. */
final class SqliteDirectory implements DirectoryStore {
    private final SqliteWriter writer;
    private final Readers readers;

    SqliteDirectory(SqliteWriter writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public void save(User user) {
        Objects.requireNonNull(user, "user");
        writer.write("save a directory entry", session -> {
            DirectoryRows.save(session, user);
            return null;
        });
    }

    @Override
    public Optional<User> find(UserId id) {
        Objects.requireNonNull(id, "id");
        return readers.read("find a directory entry", session -> DirectoryRows.find(session, id));
    }
}
