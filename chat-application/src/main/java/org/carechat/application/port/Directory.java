package org.carechat.application.port;

import java.util.Optional;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/** Who people are: names, roles, specialties. A clinic backend may plug in its own user directory. */
public interface Directory {

    Optional<User> find(UserId id);
}
