package org.carechat.application.retention;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.retention.LegalHold;

/** An admin lifts a legal hold: the retention applies to its target again. */
public interface LiftLegalHoldUseCase {

    Result<LegalHold> lift(LiftLegalHold command);

    record LiftLegalHold(Actor actor, String holdId) {
    }
}
