package org.carechat.bootstrap.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.carechat.adapter.inmemory.ExecutorTimers;
import org.carechat.adapter.inmemory.InMemoryCalls;
import org.carechat.adapter.inmemory.InMemoryPresence;
import org.carechat.adapter.jwt.JwtSettings;
import org.carechat.adapter.jwt.NimbusTokenVerifier;
import org.carechat.adapter.rest.RestApi;
import org.carechat.adapter.web.WebClient;
import org.carechat.adapter.websocket.SessionRegistry;
import org.carechat.adapter.webhook.WebhookPushNotifications;
import org.carechat.adapter.websocket.WebSocketAdapter;
import org.carechat.application.CareChatCore;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Changes;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.Messages;
import org.carechat.application.port.PushNotifications;
import org.carechat.application.port.Timers;
import org.carechat.bootstrap.CareChat;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;

/**
 * The standalone server: one Grizzly listener on one port serving the WebSocket door at /ws, the REST
 * door under /api, /health and /metrics, over the store the configuration names.
 */
public final class CareChatServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CareChatServer.class.getName());
    private static final String LISTENER = "carechat";
    /**
     * Libraries that are loud at every start, held here so their levels are not garbage collected: Jersey
     * warns once per resource registered as an instance (Jersey issue 3700); the MongoDB driver dumps its
     * whole settings; the embedded store logs every connection and warns that it does not build
     * non-unique indexes (it scans instead; a real MongoDB builds them).
     */
    private static final java.util.List<java.util.logging.Logger> QUIETED = java.util.List.of(
            quiet("org.glassfish.jersey.internal.inject.Providers", java.util.logging.Level.SEVERE),
            quiet("org.mongodb.driver", java.util.logging.Level.WARNING),
            quiet("de.bwaldvogel.mongo", java.util.logging.Level.SEVERE));

    private final ServerConfig config;
    private final HttpServer http;
    private final WebSocketAdapter webSocket;
    private final CareChatCore core;
    private final Metrics metrics;
    private final StorePorts store;
    private final JwtSettings jwt;
    private final AutoCloseable ownedTimers;
    /** Where events reach this node's sockets (and, in a cluster, the other nodes). */
    private final SessionRegistry registry;
    /** The cluster's Redis ports, when this server is one node of a cluster. */
    private final ClusterNode cluster;
    /** The push webhook, when CHAT_PUSH_WEBHOOK_URL is set; null otherwise. */
    private final WebhookPushNotifications push;
    private boolean closed;

    private CareChatServer(Builder builder) {
        this.config = builder.config;
        this.metrics = new Metrics();
        this.jwt = Settings.jwt(config, builder.demoSecret != null ? builder.demoSecret : randomSecret());
        Clock clock = builder.clock != null ? builder.clock : Clock.systemUTC();
        Timers timers = builder.timers;
        ExecutorTimers executorTimers = null;
        if (timers == null) {
            // two threads: a batch of the attachment retention waits for the store, typing expiry and call watches
            // must not wait behind it
            executorTimers = new ExecutorTimers(2);
            timers = executorTimers;
        }
        this.ownedTimers = executorTimers;
        this.store = StoreFactory.open(config);
        if (store.embedded() != null) {
            metrics.storeCommitsFrom(() -> commitsOf(store.embedded().batchStatistics()));
        }
        this.registry = new SessionRegistry(metrics);
        metrics.connectionsFrom(registry::connectionCount);
        this.cluster = config.clustered() ? connectCluster(config, registry.node(), clock) : null;
        if (cluster != null) {
            registry.joinCluster(cluster.bus());
        }
        this.push = config.pushWebhookUrl() == null ? null : new WebhookPushNotifications(
                java.net.URI.create(config.pushWebhookUrl().strip()), config.pushWebhookSecret(),
                config.pushWebhookAttempts(), Duration.ofSeconds(1), clock);
        if (push != null) {
            metrics.pushFrom(() -> new Metrics.PushFigures(push.delivered(), push.failed(), push.dropped(), push.pending()));
        }
        this.core = CareChat.builder()
                .conversations(TimedPorts.timed(Conversations.class, store.conversations(), metrics))
                .messages(TimedPorts.timed(Messages.class, store.messages(), metrics))
                .careRelationships(TimedPorts.timed(CareRelationshipStore.class, store.careRelationships(), metrics))
                .directory(TimedPorts.timed(DirectoryStore.class, store.directory(), metrics))
                .attachments(TimedPorts.timed(Attachments.class, store.attachments(), metrics))
                .blobs(TimedPorts.timed(Blobs.class, store.blobs(), metrics))
                .auditTrail(TimedPorts.timed(AuditTrail.class, store.auditTrail(), metrics))
                .changes(TimedPorts.timed(Changes.class, store.changes(), metrics))
                .presence(cluster != null ? cluster.presence() : new InMemoryPresence())
                .calls(cluster != null ? cluster.calls() : new InMemoryCalls())
                .notifier(registry)
                .clock(clock)
                .timers(timers)
                .push(push != null ? push : PushNotifications.NONE)
                .settings(Settings.chat(config))
                .build();
        AuthenticateUseCase auth = core.authentication(new NimbusTokenVerifier(jwt, clock));
        WireJson json = new WireJson(Settings.wire(config));

        this.http = new HttpServer();
        NetworkListener listener = new NetworkListener(LISTENER, config.host(), config.port());
        http.addListener(listener);
        int workers = config.effectiveWorkerThreads();
        if (workers > 0) {
            // a request waiting for a commit holds its thread: with a durable store, enough threads wait together
            // for one commit to carry many writes (group commit); Grizzly's default is 2 per core
            listener.getTransport().setWorkerThreadPoolConfig(org.glassfish.grizzly.threadpool.ThreadPoolConfig.defaultConfig()
                    .copy().setPoolName("carechat-worker").setCorePoolSize(workers).setMaxPoolSize(workers));
        }
        listener.registerAddOn(new StrictFraming(metrics));
        listener.registerAddOn(new IgnoreForeignUpgrades());
        this.webSocket = new WebSocketAdapter(core, auth, registry, json, Settings.webSocket(config), clock, metrics,
                config.socketIoDialect());
        webSocket.install(listener, config.storeNeverWaits() ? WebSocketAdapter.FrameThreads.SELECTOR
                : WebSocketAdapter.FrameThreads.WORKERS);
        RestApi rest = new RestApi(core, auth, json, Settings.rest(config), metrics, store.probe(), clock);
        if (cluster != null) {
            rest.inCluster(cluster.bus()::connected);
            // what the other nodes published while this one was cut off is missed: its clients catch up from the store
            cluster.bus().onReconnected(webSocket::askEveryoneToCatchUp);
            // the users a dead node took offline: their contacts are told
            cluster.presence().onLost(state -> core.closeSession().lost(state));
            webSocket.capSocketsPerUserAcrossCluster();
            cluster.start();
        }
        GrizzlyHttpContainer container = ContainerFactory.createContainer(GrizzlyHttpContainer.class, rest.resourceConfig());
        http.getServerConfiguration().addHttpHandler(container, "/");
        java.util.function.Supplier<java.util.List<WebClient.DemoPerson>> demoPeople = builder.demoPeople == null ? null
                : () -> builder.demoPeople.apply(jwt);
        new WebClient(demoPeople).install(http.getServerConfiguration());
        http.getServerConfiguration().addHttpHandler(webSocket.socketIoHttpHandler(),
                org.glassfish.grizzly.http.server.HttpHandlerRegistration.builder()
                        .contextPath(WebSocketAdapter.SOCKET_IO_CONTEXT).urlPattern("/*").build());
        http.getServerConfiguration().setName("CareChat");
        http.getServerConfiguration().setHttpServerName("CareChat");
        http.getServerConfiguration().setHttpServerVersion("");
    }

    private ClusterNode connectCluster(ServerConfig config, String node, java.time.Clock clock) {
        try {
            ClusterNode joined = ClusterNode.connect(config, node, clock);
            LOG.log(System.Logger.Level.INFO, "node " + node + " of the cluster on Redis channel " + config.redisChannel());
            return joined;
        } catch (RuntimeException unreachable) {
            closeQuietly(store.closer());
            closeQuietly(ownedTimers);
            throw unreachable;
        }
    }

    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** Starts a server with the configuration and the real clock. */
    public static CareChatServer start(ServerConfig config) {
        return builder(config).start();
    }

    public int port() {
        return http.getListener(LISTENER).getPort();
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port());
    }

    public CareChatCore core() {
        return core;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The token settings in force, so that demo mode and tests can mint tokens the server accepts. */
    public JwtSettings jwtSettings() {
        return jwt;
    }

    public ServerConfig config() {
        return config;
    }

    /** The embedded database under the default store, for operations and outage drills; empty with any other store. */
    public java.util.Optional<org.carechat.adapter.sqlite.SqliteStore> embeddedStore() {
        return java.util.Optional.ofNullable(store.embedded());
    }

    /**
     * Stops gracefully: no new sockets or requests, sockets closed with 1001 once their current frame is
     * handled, accepted REST requests finished within the grace period, then the store let go. Every
     * acknowledged message was written to the store before its acknowledgement, so nothing acknowledged
     * is lost.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.log(System.Logger.Level.INFO, "shutting down");
        webSocket.shutdown();
        core.attachmentRetention().stop();
        core.urgentFollowUps().stop();
        core.retentionPurge().stop();
        Duration grace = config.shutdownGrace();
        try {
            http.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).get(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "requests still running after the grace period were cut");
            http.shutdownNow();
        }
        closeQuietly(ownedTimers);
        closeQuietly(push);
        closeQuietly(cluster);
        registry.leaveCluster();
        closeQuietly(store.closer());
        LOG.log(System.Logger.Level.INFO, "stopped");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + closeable.getClass().getSimpleName() + " failed: " + e);
        }
    }

    private static java.util.logging.Logger quiet(String name, java.util.logging.Level level) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }

    private static Metrics.StoreCommits commitsOf(org.carechat.adapter.sqlite.BatchStatistics batches) {
        java.util.SortedMap<Integer, Long> upTo = new java.util.TreeMap<>();
        batches.histogram().forEach(bucket -> upTo.merge(bucket.most(), bucket.commits(), Long::sum));
        return new Metrics.StoreCommits(batches.commits(), batches.operations(), batches.largestBatch(), upTo);
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** Options that only embedding code, demo mode and tests set: the clock, the timers, the demo secret and people. */
    public static final class Builder {
        private final ServerConfig config;
        private Clock clock;
        private Timers timers;
        private byte[] demoSecret;
        private java.util.function.Function<JwtSettings, java.util.List<WebClient.DemoPerson>> demoPeople;

        private Builder(ServerConfig config) {
            this.config = config;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder timers(Timers value) {
            this.timers = value;
            return this;
        }

        /** The HS256 secret used when the configuration names no key (demo mode); random otherwise. */
        public Builder demoSecret(byte[] value) {
            this.demoSecret = value.clone();
            return this;
        }

        /**
         * Who the web client offers to sign in as without a token (demo mode), given the token settings in
         * force; without it the list answers 404.
         */
        public Builder demoPeople(java.util.function.Function<JwtSettings, java.util.List<WebClient.DemoPerson>> value) {
            this.demoPeople = value;
            return this;
        }

        public CareChatServer start() {
            CareChatServer server = new CareChatServer(this);
            try {
                server.http.start();
            } catch (IOException e) {
                server.close();
                throw new UncheckedIOException("could not listen on " + server.config.host() + ":" + server.config.port(), e);
            }
            LOG.log(System.Logger.Level.INFO, "CareChat listening on port " + server.port() + " (" + server.config.describe() + ")");
            return server;
        }
    }
}
