package org.carechat.adapter.sqlite;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.carechat.application.port.Change;
import org.carechat.application.port.ChangeConflict;
import org.carechat.application.port.Changes;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;

/**
 * A change is one operation of the writer: its rows are written in the writer's transaction, between a savepoint
 * and its release, so they are committed with the rest of the batch, durably, or not at all. Before writing, every
 * part is compared with what is stored (a new message's id, place and retry key are free, as the unique indexes
 * check when it is inserted; a changed message or conversation is still what the core read): a collision throws
 * {@link ChangeConflict}, and the savepoint takes back whatever the change had written. The conversation is
 * compared before its message is inserted, so a seq the conversation has not reached cannot be taken.
 */
final class SqliteChanges implements Changes {
    private final SqliteWriter writer;
    private final CommittedPeople people;

    SqliteChanges(SqliteWriter writer, CommittedPeople people) {
        this.writer = writer;
        this.people = people;
    }

    @Override
    public void commit(Change change) {
        Objects.requireNonNull(change, "change");
        writer.write(change.changesState() ? "commit a change" : "append an audit entry", session -> {
            apply(session, change);
            return people.saved(change.users(), change.careRelationships());
        });
    }

    private static void apply(Session session, Change change) throws SQLException {
        for (Change.Write<Conversation> write : change.conversations()) {
            Optional<Conversation> stored = ConversationRows.find(session, write.after().id());
            if (write.isNew()) {
                if (stored.isPresent() || ConversationRows.findDirect(session, write.after().directKey()).isPresent()) {
                    throw new ChangeConflict("conversation " + write.after().id() + " is already stored");
                }
                ConversationRows.insertNew(session, write.after());
            } else {
                Conversation current = stored.filter(found -> found.equals(ConversationRows.stored(write.before())))
                        .orElseThrow(() -> new ChangeConflict("conversation " + write.after().id()
                                + " changed since it was read"));
                ConversationRows.replace(session, current, write.after());
            }
        }
        for (Change.Write<Message> write : change.messages()) {
            if (write.isNew()) {
                // the unique indexes on the id, the place and the sender's retry key refuse what is taken: no look-up
                try {
                    MessageRows.insertNew(session, write.after());
                } catch (SQLException e) {
                    if (SqliteErrors.isUniqueViolation(e)) {
                        session.discardStatements();
                        throw new ChangeConflict("message " + write.after().id() + " collides with a stored one ("
                                + e.getMessage() + ")", e);
                    }
                    throw e;
                }
            } else {
                Message current = MessageRows.find(session, write.after().id())
                        .filter(stored -> stored.equals(MessageRows.stored(write.before())))
                        .orElseThrow(() -> new ChangeConflict("message " + write.after().id()
                                + " changed since it was read"));
                MessageRows.replace(session, current, write.after());
            }
        }
        for (User user : change.users()) {
            DirectoryRows.save(session, user);
        }
        for (CareRelationship relationship : change.careRelationships()) {
            CareRelationshipRows.save(session, relationship);
        }
        AuditRows.append(session, change.audit());
    }
}
