package org.carechat.adapter.websocket;

import org.carechat.domain.message.MessageView;
import org.carechat.wire.WireJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * A sent message, written as JSON once for both frames it goes out in: the recipients' {@code new_message}
 * (published first, on the sending thread, once the send is committed) and the sender's {@code message_sent}
 * (built right after, on the same thread, from the very same {@link MessageView}). Each thread remembers the
 * last message it wrote, by identity; any other message is written afresh, so nothing can be answered with
 * another message's JSON.
 */
final class MessageJson {
    private static final ThreadLocal<Last> LAST = new ThreadLocal<>();

    private final WireJson json;

    MessageJson(WireJson json) {
        this.json = json;
    }

    /** {@code view} as a JSON value, written now unless this thread just wrote that same view. */
    JsonNode of(MessageView view) {
        Last last = LAST.get();
        if (last != null && last.view == view) {
            return last.node;
        }
        JsonNode node = JsonNodeFactory.instance.rawValueNode(new RawValue(json.writeMessage(view)));
        LAST.set(new Last(view, node));
        return node;
    }

    private record Last(MessageView view, JsonNode node) {
    }
}
