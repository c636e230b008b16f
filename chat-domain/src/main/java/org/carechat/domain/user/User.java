package org.carechat.domain.user;

import org.carechat.domain.common.Require;

/** A directory entry: who someone is to the people they talk to. {@code specialty} may be null. */
public record User(UserId id, String name, Role role, String specialty) {
    public static final int MAX_NAME_LENGTH = 200;

    public User {
        Require.nonNull(id, "id");
        Require.nonBlank(name, "name");
        Require.nonNull(role, "role");
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name longer than " + MAX_NAME_LENGTH);
        }
        if (specialty != null && specialty.isBlank()) {
            specialty = null;
        }
    }
}
