package org.carechat.application.support;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.carechat.application.port.CareRelationships;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;

/** A patient's care team: the clinicians in care with them at a given time. */
public final class CareTeam {
    private CareTeam() {
    }

    /** The clinicians with an active care relationship with {@code patient} at {@code now}, in id order. */
    public static Set<UserId> of(CareRelationships relationships, UserId patient, Instant now) {
        Set<UserId> team = new TreeSet<>();
        for (CareRelationship care : relationships.involving(patient)) {
            if (care.isActiveAt(now) && care.patient().equals(patient)) {
                team.add(care.clinician());
            }
        }
        return team;
    }
}
