package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.carechat.application.CareChatCore;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;

/**
 * The real-time door of the wire contract: a Tyrus endpoint at {@link WebSocketSettings#path()} on a
 * Grizzly listener shared with the REST door. It authenticates upgrades, turns client frames into use-case
 * calls through a dispatch table, and keeps sockets alive, rate-limited and bounded. Events flow out
 * through the {@link SessionRegistry}, the core's notifier.
 */
public final class WebSocketAdapter {
    /** How long {@link #shutdown()} lets sockets send what they were given before closing them anyway. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** How long closed sockets' clients have to answer the close frame before their connections are cut. */
    static final Duration CLOSE_ANSWER_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(WebSocketAdapter.class.getName());
    private static final CloseReason SHUTTING_DOWN =
            new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final WebSocketSettings settings;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
    private final SocketWiring wiring;
    private final AuthenticateUseCase auth;
    private final SocketAdmission admission;
    private ChatServerContainer container;
    private ListenerAddOn addOn;
    private ScheduledFuture<?> sweep;
    private volatile boolean stopped;

    public WebSocketAdapter(CareChatCore core, AuthenticateUseCase auth, SessionRegistry registry, WireJson json,
                            WebSocketSettings settings, Clock clock, Metrics metrics) {
        this(core, auth, registry, json, settings, clock, metrics, SocketIoDialect.CARECHAT);
    }

    /** As above, with the Socket.IO door speaking {@code dialect} ({@code /ws} always speaks CareChat's events). */
    public WebSocketAdapter(CareChatCore core, AuthenticateUseCase auth, SessionRegistry registry, WireJson json,
                            WebSocketSettings settings, Clock clock, Metrics metrics, SocketIoDialect dialect) {
        Objects.requireNonNull(core, "core");
        this.auth = Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(json, "json");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        this.scheduler = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "carechat-ws-" + INSTANCES.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        metrics.connectionsFrom(registry::connectionCount);
        Map<String, EventHandler> events = ClientEvents.table(core, auth, json, metrics);
        EventDispatcher dispatcher = new EventDispatcher(events, json, metrics);
        SocketIoDoor socketIo = SocketIoDoor.of(dialect, events, dispatcher, core, json, metrics);
        this.admission = new SocketAdmission(registry, settings, scheduler, metrics);
        this.wiring = new SocketWiring(core, registry, dispatcher, settings, clock, metrics, json, scheduler, sockets,
                new Liveness(settings.pingInterval(), settings.idleTimeout()), auth, admission, socketIo);
    }

    /**
     * In a cluster: a user's sockets on every node count to {@code CHAT_MAX_SOCKETS_PER_USER}, as the core's presence
     * counts their sessions (the cluster's, when the presence port is shared); checked at each upgrade.
     */
    public void capSocketsPerUserAcrossCluster() {
        admission.capAcrossCluster(user -> {
            try {
                return wiring.core().ports().presence().find(user).sessions();
            } catch (RuntimeException unreachable) {
                return 0; // presence cannot tell: this node's own cap still holds
            }
        });
    }

    /**
     * Closes every socket of this server with {@code 1012} ("service restart": reconnect, then {@code sync}), so
     * that each client catches up from the store: what a node does when it has been cut off from the rest of its
     * cluster, and may have missed the events the other nodes published meanwhile.
     */
    public void askEveryoneToCatchUp() {
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.SERVICE_RESTART, "catch up: reconnect and sync");
        List.copyOf(sockets).forEach(socket -> socket.close(reason));
    }

    /** Where a frame's use case runs once Grizzly has read it. */
    public enum FrameThreads {
        /** On Grizzly's worker threads: the use cases may wait for the store (a disk, a database). */
        WORKERS,
        /**
         * On the selector thread that read it, with no hand-off: only for ports that never wait (the memory
         * store), since a frame that waits there holds up every socket of that selector.
         */
        SELECTOR
    }

    /** As {@link #install(NetworkListener, FrameThreads)}, on the worker threads. */
    public synchronized void install(NetworkListener listener) {
        install(listener, FrameThreads.WORKERS);
    }

    /**
     * Registers the endpoint on {@code listener}, which may serve other paths (REST) too. Call it once,
     * before the listener's server starts and after its transport is configured. It sets that transport's IO
     * strategy so that frames run on {@code threads} (HTTP requests run on its worker threads either way) and
     * takes upgraded chat connections out of the listener's HTTP idle timeout (the adapter's pings govern them).
     */
    public synchronized void install(NetworkListener listener, FrameThreads threads) {
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(listener, "listener");
        if (container != null) {
            throw new IllegalStateException("the WebSocket endpoint is already installed");
        }
        if (listener.isStarted()) {
            throw new IllegalStateException("install the WebSocket endpoint before the server starts");
        }
        ChatServerContainer created = new ChatServerContainer(settings, auth, admission, wiring.core().requestBudgets());
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ChatEndpoint.class, settings.path())
                .configurator(new EndpointConfigurator(wiring))
                .build();
        ServerEndpointConfig socketIo = ServerEndpointConfig.Builder.create(SocketIoEndpoint.class, UpgradeGate.SOCKET_IO_PATH)
                .configurator(new EndpointConfigurator(wiring))
                .build();
        try {
            created.register(config);
            created.register(socketIo);
        } catch (DeploymentException e) {
            throw new IllegalStateException("the WebSocket endpoints could not be deployed at " + settings.path() + " and "
                    + UpgradeGate.SOCKET_IO_PATH, e);
        }
        created.doneDeployment();
        // frames run use cases that may wait for the store: keep them off the selector threads, as Tyrus's
        // own Grizzly container does, unless the store never waits. HTTP requests run on the worker threads
        // either way: Grizzly's HttpHandler hands a request read on a selector thread to the workers.
        listener.getTransport().setIOStrategy(threads == FrameThreads.SELECTOR
                ? SameThreadIOStrategy.getInstance() : WorkerThreadIOStrategy.getInstance());
        addOn = new ListenerAddOn(created, Set.of(settings.path(), UpgradeGate.SOCKET_IO_PATH));
        listener.registerAddOn(addOn);
        long period = sweepPeriod(settings).toMillis();
        sweep = scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        container = created;
        LOG.log(Level.INFO, () -> "WebSocket endpoint installed at " + settings.path());
    }

    /**
     * The HTTP side of the Socket.IO door, for the server to mount at {@code /socket.io} (context path) next to
     * its other handlers: Engine.IO's long-polling transport is answered 400, saying to use WebSocket.
     */
    public org.glassfish.grizzly.http.server.HttpHandler socketIoHttpHandler() {
        return new SocketIoPolling();
    }

    /** Where {@link #socketIoHttpHandler()} belongs. */
    public static final String SOCKET_IO_CONTEXT = "/socket.io";

    /** How many open upgraded sockets still hold the HTTP request of their handshake: none once they are open. */
    long upgradedHoldingTheirHandshake() {
        return addOn == null ? 0 : addOn.upgradedHoldingTheirHandshake();
    }

    /**
     * Stops accepting sockets, closes every open one with 1001 after the frames already queued for it, and
     * stops the adapter's timers. Sockets that cannot take their frames within a few seconds are closed anyway.
     */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (container != null) {
            container.gate().stopAccepting();
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        List.copyOf(sockets).forEach(socket -> socket.closeGracefully(SHUTTING_DOWN));
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        while (!sockets.stream().allMatch(LiveSocket::settled) && System.nanoTime() < deadline) {
            pause();
        }
        List.copyOf(sockets).stream().filter(socket -> !socket.settled()).forEach(socket -> socket.close(SHUTTING_DOWN));
        if (addOn != null) {
            // the close frames are out: a second for their answers, then the connections that are left are cut
            // (and those of Socket.IO sockets, which are cut rather than closed: see SocketIoSocket.closeGracefully)
            long answers = System.nanoTime() + CLOSE_ANSWER_GRACE.toNanos();
            while (sockets.stream().anyMatch(socket -> socket instanceof ChatSocket) && System.nanoTime() < answers) {
                pause();
            }
            int cut = addOn.closeUpgradedConnections();
            if (cut > 0) {
                LOG.log(Level.INFO, () -> cut + " upgraded connections were cut");
            }
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (container != null) {
            container.stop();
        }
        LOG.log(Level.INFO, "WebSocket endpoint stopped");
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sweep() {
        try {
            var now = clock.instant();
            for (LiveSocket socket : sockets) {
                socket.checkLiveness(now);
            }
            admission.expireStale(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the liveness sweep failed", e);
        }
    }

    /**
     * How often sockets are checked for silence and token expiry: a tenth of the shortest interval, between
     * 50 ms and 1 s, so closes come at most a second late.
     */
    static Duration sweepPeriod(WebSocketSettings settings) {
        Duration shortest = settings.pingInterval().compareTo(settings.idleTimeout()) < 0
                ? settings.pingInterval() : settings.idleTimeout();
        Duration tenth = shortest.dividedBy(10);
        if (tenth.compareTo(Duration.ofMillis(50)) < 0) {
            return Duration.ofMillis(50);
        }
        return tenth.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : tenth;
    }
}
