package org.carechat.application.presence;

import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserSummary;

/**
 * The people the actor may start a conversation with (their active care relationships), with presence,
 * optionally filtered by a name fragment and a role name.
 */
public interface ListContactsUseCase {

    Result<List<UserSummary>> contacts(ListContacts command);

    record ListContacts(Actor actor, String query, String role) {
    }
}
