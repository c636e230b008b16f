package org.carechat.application.admin;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/** An admin or service creates or replaces a directory entry. */
public interface UpsertUserUseCase {

    Result<User> upsert(UpsertUser command);

    /** {@code role} is a role name of this installation; {@code specialty} may be null. */
    record UpsertUser(Actor actor, UserId userId, String name, String role, String specialty) {
    }
}
