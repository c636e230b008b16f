package org.carechat.adapter.rest;

import java.util.Optional;
import org.carechat.application.port.Directory;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/** The in-memory directory, except that looking up {@code boom} is a bug and looking up {@code down} finds the store down. */
final class FailingDirectory implements DirectoryStore {
    static final String BUG_DETAIL = "secret internal detail of org.carechat.internal.Thing";

    private final DirectoryStore delegate;

    FailingDirectory(Directory delegate) {
        this.delegate = (DirectoryStore) delegate;
    }

    @Override
    public Optional<User> find(UserId id) {
        if (id.value().equals("boom")) {
            throw new IllegalStateException(BUG_DETAIL);
        }
        if (id.value().equals("down")) {
            throw new StoreUnavailableException("the directory store timed out", null);
        }
        return delegate.find(id);
    }

    @Override
    public void save(User user) {
        delegate.save(user);
    }
}
