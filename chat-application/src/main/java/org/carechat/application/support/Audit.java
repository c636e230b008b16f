package org.carechat.application.support;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.carechat.application.Actor;
import org.carechat.application.port.Change;
import org.carechat.application.port.ChangeConflict;
import org.carechat.application.port.Changes;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.port.Notifier;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/**
 * Runs an audited operation as one {@link Unit}: whatever its outcome, one entry records who, what, which ids,
 * when, how it ended, never the content. A successful operation's changes and its entry are committed
 * together, then its events are published; a refused or failed one stores its entry alone and tells nobody.
 * When the commit collides with another writer ({@link ChangeConflict}), the operation runs again on what is
 * stored now.
 */
public final class Audit {
    /** How often an operation is computed again after its commit collided, before it fails. */
    static final int ATTEMPTS = 8;

    private final Changes changes;
    private final ConversationLocks locks;
    private final Notifier notifier;
    private final IdGenerator ids;
    private final Clock clock;

    public Audit(Changes changes, ConversationLocks locks, Notifier notifier, IdGenerator ids, Clock clock) {
        this.changes = changes;
        this.locks = locks;
        this.notifier = notifier;
        this.ids = ids;
        this.clock = clock;
    }

    public <T> Result<T> run(Actor actor, AuditAction action, Function<Unit, T> work) {
        return Outcomes.attempt(() -> {
            for (int attempt = 1; ; attempt++) {
                Unit unit = new Unit(locks);
                try {
                    Result<T> result;
                    try {
                        result = Outcomes.attempt(() -> work.apply(unit));
                    } catch (RuntimeException | Error bug) {
                        unit.undo(bug);
                        recordAfter(bug, actor.id(), action, unit.targets());
                        throw bug;
                    }
                    if (!result.isOk()) {
                        unit.undo(null);
                        record(actor.id(), action, unit.targets(), outcomeOf(result));
                        return result.orThrow();
                    }
                    try {
                        changes.commit(unit.change(targets -> entry(actor.id(), action, targets, AuditEntry.OK)));
                    } catch (ChangeConflict conflict) {
                        unit.undo(conflict);
                        if (attempt < ATTEMPTS) {
                            continue;
                        }
                        recordAfter(conflict, actor.id(), action, unit.targets());
                        throw conflict;
                    } catch (RuntimeException | Error failed) {
                        unit.undo(failed);
                        recordAfter(failed, actor.id(), action, unit.targets());
                        throw failed;
                    }
                    unit.publish(notifier);
                    return result.orThrow();
                } finally {
                    unit.release();
                }
            }
        });
    }

    /** One entry for something that is not an operation of its own (a refused authentication). */
    public void record(UserId actor, AuditAction action, List<String> targets, String outcome) {
        changes.commit(Change.auditOnly(entry(actor, action, targets, outcome)));
    }

    /** The entry of an operation that failed: {@code unavailable} when the store did not answer, else {@code error}. */
    private void recordAfter(Throwable failure, UserId actor, AuditAction action, List<String> targets) {
        try {
            record(actor, action, targets, failure instanceof StoreUnavailableException ? "unavailable" : "error");
        } catch (RuntimeException | Error alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    private AuditEntry entry(UserId actor, AuditAction action, List<String> targets, String outcome) {
        return new AuditEntry(ids.newId(), actor, action, targets, clock.instant(), outcome);
    }

    private static String outcomeOf(Result<?> result) {
        return result.failure().kind().name().toLowerCase(Locale.ROOT);
    }
}
