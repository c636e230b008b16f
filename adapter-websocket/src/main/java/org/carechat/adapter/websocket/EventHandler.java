package org.carechat.adapter.websocket;

import tools.jackson.databind.JsonNode;

/**
 * One client event: reads its data strictly, calls one use case, and says what to answer. Refusals leave
 * as {@link org.carechat.domain.failure.Refusal} (from {@code Result.orThrow()}), unreadable data as
 * {@link org.carechat.wire.WireException}; the dispatcher turns both into {@code error} frames.
 */
@FunctionalInterface
interface EventHandler {

    /**
     * @param data the frame's {@code data}, or null when absent
     * @return the named reply, or {@link Reply#ACK}
     */
    Reply handle(Caller caller, JsonNode data);
}
