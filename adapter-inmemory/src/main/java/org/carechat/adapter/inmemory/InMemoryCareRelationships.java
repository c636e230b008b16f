package org.carechat.adapter.inmemory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;

/**
 * Who is in care with whom, kept in memory: one relationship per patient and clinician, kept after it
 * ends or is revoked so that the history of the two stays explainable.
 */
public final class InMemoryCareRelationships implements CareRelationshipStore {
    private final ConcurrentHashMap<Pair, CareRelationship> byPair = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserId, Set<Pair>> byPerson = new ConcurrentHashMap<>();

    @Override
    public void save(CareRelationship relationship) {
        Objects.requireNonNull(relationship, "relationship");
        Pair pair = new Pair(relationship.patient(), relationship.clinician());
        byPerson.computeIfAbsent(relationship.patient(), user -> ConcurrentHashMap.newKeySet()).add(pair);
        byPerson.computeIfAbsent(relationship.clinician(), user -> ConcurrentHashMap.newKeySet()).add(pair);
        byPair.put(pair, relationship);
    }

    @Override
    public Optional<CareRelationship> between(UserId patient, UserId clinician) {
        return Optional.ofNullable(byPair.get(new Pair(patient, clinician)));
    }

    @Override
    public List<CareRelationship> involving(UserId user) {
        Set<Pair> pairs = byPerson.get(user);
        if (pairs == null) {
            return List.of();
        }
        List<CareRelationship> found = new ArrayList<>(pairs.size());
        for (Pair pair : pairs) {
            CareRelationship relationship = byPair.get(pair);
            if (relationship != null) {
                found.add(relationship);
            }
        }
        return List.copyOf(found);
    }

    /** A patient and a clinician, in that order. */
    private record Pair(UserId patient, UserId clinician) {
    }
}
