package org.carechat.adapter.mongo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * Directory entries and care relationships as last read or saved, in memory, so that the care policy's look-ups
 * on the path of every message (who the two people are, whether they are in care) cost no command to the
 * database. An entry is kept for the configured time after it was read ({@link MongoStoreSettings#peopleCacheTtl},
 * at most {@value #MAX_ENTRIES} of each kind), absences too; zero keeps nothing and reads every time.
 *
 * <p>What it answers: a save through this process (administration, a migration) replaces the copy once the save
 * is committed, before anyone is told of it, so a server alone on its database is never behind its own changes.
 * A save by another process sharing the database (another CareChat server) is seen here once the copy of that
 * entry expires: a care relationship revoked there still lets its two people add to their conversation here
 * for up to that time, one opened there is refused here for up to that time. Reading the history needs no care
 * relationship, so nothing already written is shown to anyone it was not shown to before.
 *
 * <p>A copy never overwrites a later one: a read that was under way when a save replaced the entry finishes
 * first (Caffeine computes an entry once, and a save of it waits for that).
 */
final class PeopleCopy {
    static final int MAX_ENTRIES = 100_000;

    private final Cache<UserId, Optional<User>> users;
    private final Cache<Pair, Optional<CareRelationship>> care;

    private PeopleCopy(Duration ttl) {
        if (ttl.isZero()) {
            this.users = null;
            this.care = null;
        } else {
            this.users = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).build();
            this.care = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).build();
        }
    }

    /** Entries kept for {@code ttl} after they are read or saved; zero for none. */
    static PeopleCopy keptFor(Duration ttl) {
        return new PeopleCopy(ttl);
    }

    /** Keeps nothing: every look-up reads. */
    static PeopleCopy none() {
        return new PeopleCopy(Duration.ZERO);
    }

    Optional<User> user(UserId id, Supplier<Optional<User>> read) {
        return users == null ? read.get() : users.get(id, key -> read.get());
    }

    Optional<CareRelationship> between(UserId patient, UserId clinician, Supplier<Optional<CareRelationship>> read) {
        return care == null ? read.get() : care.get(new Pair(patient, clinician), key -> read.get());
    }

    /** {@code user} is committed: answered from now on as a read of it would answer. */
    void saved(User user) {
        if (users != null) {
            users.put(user.id(), Optional.of(UserMapper.fromDocument(UserMapper.toDocument(user))));
        }
    }

    /** {@code relationship} is committed: answered from now on as a read of it would answer. */
    void saved(CareRelationship relationship) {
        if (care != null) {
            care.put(new Pair(relationship.patient(), relationship.clinician()), Optional.of(
                    CareRelationshipMapper.fromDocument(CareRelationshipMapper.toDocument(relationship))));
        }
    }

    /** A save of {@code user} may or may not have been stored: read it again next time. */
    void forget(User user) {
        if (users != null) {
            users.invalidate(user.id());
        }
    }

    /** A save of {@code relationship} may or may not have been stored: read it again next time. */
    void forget(CareRelationship relationship) {
        if (care != null) {
            care.invalidate(new Pair(relationship.patient(), relationship.clinician()));
        }
    }

    private record Pair(UserId patient, UserId clinician) {
    }
}
