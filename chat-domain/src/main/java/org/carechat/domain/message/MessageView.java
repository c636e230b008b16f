package org.carechat.domain.message;

import org.carechat.domain.common.Require;

/** A message with its status as its sender sees it, derived from the conversation's cursors. */
public record MessageView(Message message, MessageStatus status) {
    public MessageView {
        Require.nonNull(message, "message");
        Require.nonNull(status, "status");
    }
}
