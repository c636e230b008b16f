package org.carechat.application.retention;

import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.retention.LegalHold;

/** Admins and services list the legal holds, newest first; the listing is audited. */
public interface ListLegalHoldsUseCase {

    Result<List<LegalHold>> list(ListLegalHolds command);

    /** {@code activeOnly}: leave out the lifted holds. */
    record ListLegalHolds(Actor actor, boolean activeOnly) {
    }
}
