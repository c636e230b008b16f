package org.carechat.adapter.websocket;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import org.carechat.application.CareChatCore;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;

/**
 * What every socket needs, shared: the core, the registry, the dispatch table, the settings, time, the
 * counters, the adapter's own thread for closing sockets, the set of open sockets, the liveness rule, and for
 * the Socket.IO door (whose sockets say who they are once open) the authentication, the admission, and what it
 * speaks (CareChat's events, or a seed's dialect).
 */
record SocketWiring(CareChatCore core, SessionRegistry registry, EventDispatcher dispatcher, WebSocketSettings settings,
                    Clock clock, Metrics metrics, WireJson json, Executor closer, Set<LiveSocket> sockets,
                    Liveness liveness, AuthenticateUseCase auth, SocketAdmission admission, SocketIoDoor socketIo) {
}
