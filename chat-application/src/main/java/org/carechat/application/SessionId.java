package org.carechat.application;

import org.carechat.domain.common.Require;

/** One connected device of a user (one WebSocket). A user may have several at once. */
public record SessionId(String value) {
    public SessionId {
        Require.nonBlank(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
