package org.carechat.application.breakglass;

import java.time.Instant;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/** Admins and services list the break-glass accesses for post-review, newest first; the listing is audited. */
public interface ReviewBreakGlassUseCase {

    Result<List<BreakGlassRecord>> review(ReviewBreakGlass command);

    /** Accesses opened (or refused) in [from, to), to this patient's conversations; each may be null; at most {@code limit}. */
    record ReviewBreakGlass(Actor actor, UserId patientId, Instant from, Instant to, Integer limit) {
    }

    /**
     * One attempt: who, for which patient, why, when, until when ({@code null} when it was refused) and the
     * outcome ({@code ok} or the refusal's kind).
     */
    record BreakGlassRecord(String auditId, UserId clinicianId, UserId patientId, String reason, Instant at,
                            Instant until, String outcome) {
    }
}
