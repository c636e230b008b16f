package org.carechat.application.admin;

import org.carechat.application.Actor;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/** An admin or service revokes a care relationship; the two keep their history but can add nothing new. */
public interface RevokeCareRelationshipUseCase {

    Result<CareRelationship> revoke(RevokeCareRelationship command);

    record RevokeCareRelationship(Actor actor, UserId patientId, UserId clinicianId) {
    }
}
