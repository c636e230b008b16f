package org.carechat.application.support;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.carechat.application.Actor;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.IdGenerator;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/**
 * Runs an audited operation and appends one entry for it, whatever its outcome: who, what, which ids,
 * when, how it ended. Never the content.
 */
public final class Audit {
    private final AuditTrail trail;
    private final IdGenerator ids;
    private final Clock clock;

    public Audit(AuditTrail trail, IdGenerator ids, Clock clock) {
        this.trail = trail;
        this.ids = ids;
        this.clock = clock;
    }

    public <T> Result<T> run(Actor actor, AuditAction action, Function<AuditTargets, T> work) {
        AuditTargets targets = new AuditTargets();
        return Outcomes.attempt(() -> {
            Result<T> result;
            try {
                result = Outcomes.attempt(() -> work.apply(targets));
            } catch (RuntimeException | Error bug) {
                try {
                    record(actor, action, targets, "error");
                } catch (RuntimeException | Error alsoFailed) {
                    bug.addSuppressed(alsoFailed);
                }
                throw bug;
            }
            record(actor, action, targets,
                    result.isOk() ? AuditEntry.OK : result.failure().kind().name().toLowerCase(Locale.ROOT));
            return result.orThrow();
        });
    }

    /** One entry for something that is not an operation of its own (a refused authentication). */
    public void record(UserId actor, AuditAction action, List<String> targets, String outcome) {
        trail.append(new AuditEntry(ids.newId(), actor, action, targets, clock.instant(), outcome));
    }

    private void record(Actor actor, AuditAction action, AuditTargets targets, String outcome) {
        record(actor.id(), action, targets.list(), outcome);
    }
}
