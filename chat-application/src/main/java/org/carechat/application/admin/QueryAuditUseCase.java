package org.carechat.application.admin;

import java.time.Instant;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/** An admin or service reads the audit trail: who read or wrote what, when. Reading it is audited too. */
public interface QueryAuditUseCase {

    Result<List<AuditEntry>> query(QueryAudit command);

    /** Every criterion may be null: by this user, touching this target ({@code conversation:c_1}), in [from, to). */
    record QueryAudit(Actor actor, UserId userId, String target, Instant from, Instant to, Integer limit) {
    }
}
