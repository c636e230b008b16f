package org.carechat.application.port;

import org.carechat.domain.user.User;

/** A directory that CareChat itself keeps, maintained through administration. */
public interface DirectoryStore extends Directory {

    /** Stores the entry, replacing the one with the same id. */
    void save(User user);
}
