package org.carechat.domain.message;

import org.carechat.domain.common.Ids;

/** Identifies a message across all conversations. Opaque to clients. */
public record MessageId(String value) {
    public MessageId {
        Ids.requireWellFormed(value, "message id");
    }

    public static MessageId of(String value) {
        return new MessageId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
