package org.carechat.application.port;

import java.util.List;
import java.util.Optional;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;

/**
 * Who is in care with whom. A clinic backend plugs its own appointment system in here; the standalone
 * server keeps them in its store ({@link CareRelationshipStore}).
 */
public interface CareRelationships {

    /** The relationship between this patient and this clinician, active or not, if there ever was one. */
    Optional<CareRelationship> between(UserId patient, UserId clinician);

    /** Every relationship, active or not, in which {@code user} is the patient or the clinician. */
    List<CareRelationship> involving(UserId user);
}
