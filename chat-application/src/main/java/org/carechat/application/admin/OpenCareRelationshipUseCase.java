package org.carechat.application.admin;

import java.time.Instant;
import org.carechat.application.Actor;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/** An admin or service opens a care relationship, or extends (and re-opens) an existing one. */
public interface OpenCareRelationshipUseCase {

    Result<CareRelationship> open(OpenCareRelationship command);

    /** {@code validFrom} null means now; {@code validUntil} null means open-ended. */
    record OpenCareRelationship(Actor actor, UserId patientId, UserId clinicianId, String appointmentId,
                                Instant validFrom, Instant validUntil) {
    }
}
