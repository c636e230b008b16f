package org.carechat.domain.conversation;

import org.carechat.domain.common.Ids;

/** Identifies a conversation. Opaque to clients. */
public record ConversationId(String value) {
    public ConversationId {
        Ids.requireWellFormed(value, "conversation id");
    }

    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
