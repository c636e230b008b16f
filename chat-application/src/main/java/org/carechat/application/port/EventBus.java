package org.carechat.application.port;

import java.util.function.Consumer;

/**
 * Carries what one node of a cluster publishes to every other node (Redis pub/sub, in the standalone server):
 * at most once, in the order one publisher sent it, and nothing while a node is cut off from it. The store stays
 * the source of truth; a node that was cut off tells its clients to catch up from there.
 */
public interface EventBus {

    /** Sends {@code message} to every node listening now (this one included); never blocks for long, never throws. */
    void publish(String message);

    /** Calls {@code listener} with every message published, on the bus's own thread, in order. */
    void subscribe(Consumer<String> listener);

    /** Calls {@code listener} each time the bus is back after a cut (messages may have been missed meanwhile). */
    void onReconnected(Runnable listener);

    /** Whether the bus is connected now. */
    boolean connected();
}
