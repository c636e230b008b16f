package org.carechat.adapter.sqlite;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * The directory and the care relationships as committed, in memory, so that the care policy's look-ups on the
 * path of every message (who the two people are, whether they are in care) read no table. Only this process
 * writes the file ({@link SqliteFiles} holds its lock), so the copy is exact: it is read once when the store
 * opens, and the writer applies each committed save to it right after the commit and before anyone hears of
 * it ({@link SqliteWriter.OnCommit}), in the order of the commits. A reader sees a save once it is committed,
 * as a read of the table would. These tables hold a row per person and per care relationship: a clinic's
 * size, not its message history (100,000 people take about 20 MB).
 */
final class CommittedPeople {
    private static final Comparator<CareRelationship> BY_PAIR = Comparator
            .comparing((CareRelationship r) -> utf8(r.patient()), Arrays::compareUnsigned)
            .thenComparing(r -> utf8(r.clinician()), Arrays::compareUnsigned);

    private final ConcurrentHashMap<UserId, User> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Pair, CareRelationship> care = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserId, Set<Pair>> careOf = new ConcurrentHashMap<>();

    /** Reads both tables whole. */
    static CommittedPeople load(Session session) throws SQLException {
        CommittedPeople people = new CommittedPeople();
        for (User user : DirectoryRows.all(session)) {
            people.users.put(user.id(), user);
        }
        for (CareRelationship relationship : CareRelationshipRows.all(session)) {
            people.put(relationship);
        }
        return people;
    }

    Optional<User> user(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    Optional<CareRelationship> between(UserId patient, UserId clinician) {
        return Optional.ofNullable(care.get(new Pair(patient, clinician)));
    }

    /** As the table answers it: by patient, then clinician, in SQLite's byte order. */
    List<CareRelationship> involving(UserId user) {
        Set<Pair> pairs = careOf.get(user);
        if (pairs == null) {
            return List.of();
        }
        List<CareRelationship> found = new ArrayList<>(pairs.size());
        for (Pair pair : pairs) {
            CareRelationship relationship = care.get(pair);
            if (relationship != null) {
                found.add(relationship);
            }
        }
        found.sort(BY_PAIR);
        return List.copyOf(found);
    }

    /** What to apply once the saves of {@code users} and {@code relationships} are committed; null for none. */
    SqliteWriter.OnCommit saved(List<User> savedUsers, List<CareRelationship> relationships) {
        if (savedUsers.isEmpty() && relationships.isEmpty()) {
            return null;
        }
        List<User> userCopies = List.copyOf(savedUsers);
        List<CareRelationship> relationshipCopies = relationships.stream().map(CareRelationshipRows::stored).toList();
        return () -> {
            for (User user : userCopies) {
                users.put(user.id(), user);
            }
            for (CareRelationship relationship : relationshipCopies) {
                put(relationship);
            }
        };
    }

    private void put(CareRelationship relationship) {
        Pair pair = new Pair(relationship.patient(), relationship.clinician());
        care.put(pair, relationship);
        careOf.computeIfAbsent(pair.patient(), key -> ConcurrentHashMap.newKeySet()).add(pair);
        careOf.computeIfAbsent(pair.clinician(), key -> ConcurrentHashMap.newKeySet()).add(pair);
    }

    private static byte[] utf8(UserId id) {
        return id.value().getBytes(StandardCharsets.UTF_8);
    }

    private record Pair(UserId patient, UserId clinician) {
    }
}
