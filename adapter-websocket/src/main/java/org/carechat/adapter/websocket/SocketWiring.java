package org.carechat.adapter.websocket;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import org.carechat.application.CareChatCore;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;

/**
 * What every socket needs, shared: the core, the registry, the dispatch table, the settings, time, the
 * counters, the adapter's own thread for closing sockets, the set of open sockets, and the liveness rule.
 */
record SocketWiring(CareChatCore core, SessionRegistry registry, EventDispatcher dispatcher, WebSocketSettings settings,
                    Clock clock, Metrics metrics, WireJson json, Executor closer, Set<ChatSocket> sockets,
                    Liveness liveness) {
}
