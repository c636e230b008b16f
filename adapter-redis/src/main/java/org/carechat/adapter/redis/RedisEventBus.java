package org.carechat.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.carechat.application.port.EventBus;

/**
 * The cluster's {@link EventBus} on one Redis pub/sub channel, with Lettuce: one connection publishes, another
 * subscribes; Lettuce reconnects both and subscribes again by itself after a cut. Publishing never waits for
 * Redis: while it is unreachable, what is published is dropped (pub/sub keeps nothing for a subscriber that is
 * away either), {@link #connected()} says so, and once both connections are back the reconnection listeners are
 * told, so the node can tell its clients to catch up from the store.
 */
public final class RedisEventBus implements EventBus, AutoCloseable {
    /** How long a connection attempt may take before it counts as failed. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = System.getLogger(RedisEventBus.class.getName());

    private final String channel;
    /** The client, when the bus owns it (made by {@link #connect}); null when it is shared. */
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnected = new CopyOnWriteArrayList<>();
    private final AtomicBoolean publisherUp = new AtomicBoolean(true);
    private final AtomicBoolean subscriberUp = new AtomicBoolean(true);
    /** Set when a connection went down; cleared, and the listeners told, when both are up again. */
    private final AtomicBoolean cut = new AtomicBoolean();

    private RedisEventBus(String channel, RedisClient client, StatefulRedisConnection<String, String> publisher,
                          StatefulRedisPubSubConnection<String, String> subscriber) {
        this.channel = channel;
        this.client = client;
        this.publisher = publisher;
        this.subscriber = subscriber;
    }

    /**
     * Connects to Redis at {@code uri} ({@code redis://host:port}, {@code rediss://} for TLS, with a password as
     * Lettuce reads it) and subscribes to {@code channel}; closing the bus closes its client.
     *
     * @throws io.lettuce.core.RedisException when Redis cannot be reached now: a node does not start without it
     */
    public static RedisEventBus connect(String uri, String channel) {
        RedisClient client = client(uri);
        try {
            return on(client, channel, true);
        } catch (RuntimeException unreachable) {
            client.shutdown();
            throw unreachable;
        }
    }

    /** A bus on a client shared with the node's other Redis ports; closing the bus leaves the client open. */
    public static RedisEventBus on(RedisClient client, String channel) {
        return on(client, channel, false);
    }

    private static RedisEventBus on(RedisClient client, String channel, boolean ownsClient) {
        Objects.requireNonNull(channel, "channel");
        StatefulRedisConnection<String, String> publisher = client.connect();
        StatefulRedisPubSubConnection<String, String> subscriber;
        try {
            subscriber = client.connectPubSub();
        } catch (RuntimeException unreachable) {
            publisher.close();
            throw unreachable;
        }
        RedisEventBus bus = new RedisEventBus(channel, ownsClient ? client : null, publisher, subscriber);
        bus.listen();
        return bus;
    }

    /** The client every Redis port of a node shares: reconnecting, commands refused while disconnected. */
    public static RedisClient client(String uri) {
        RedisURI redis = RedisURI.create(uri);
        redis.setTimeout(CONNECT_TIMEOUT);
        RedisClient client = RedisClient.create(redis);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .build());
        return client;
    }

    private void listen() {
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                if (!channel.equals(from)) {
                    return;
                }
                for (Consumer<String> listener : listeners) {
                    try {
                        listener.accept(message);
                    } catch (RuntimeException failed) {
                        LOG.log(Level.ERROR, () -> "a cluster message could not be handled: " + failed.getClass().getName());
                    }
                }
            }
        });
        publisher.addListener(new StateListener(publisherUp));
        subscriber.addListener(new StateListener(subscriberUp));
        subscriber.sync().subscribe(channel);
    }

    @Override
    public void publish(String message) {
        if (!publisherUp.get()) {
            return; // dropped, as pub/sub drops what a cut-off subscriber misses: the store has it
        }
        try {
            publisher.async().publish(channel, message);
        } catch (RuntimeException rejected) {
            LOG.log(Level.WARNING, () -> "a cluster message was not published: " + rejected.getClass().getSimpleName());
        }
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onReconnected(Runnable listener) {
        reconnected.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public boolean connected() {
        return publisherUp.get() && subscriberUp.get() && publisher.isOpen() && subscriber.isOpen();
    }

    @Override
    public void close() {
        try {
            subscriber.close();
            publisher.close();
        } finally {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    /** Tracks one connection; when both are up after a cut, tells the reconnection listeners once. */
    private final class StateListener implements RedisConnectionStateListener {
        private final AtomicBoolean up;

        StateListener(AtomicBoolean up) {
            this.up = up;
        }

        @Override
        public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
            up.set(true);
            if (publisherUp.get() && subscriberUp.get() && cut.compareAndSet(true, false)) {
                LOG.log(Level.INFO, "the cluster's Redis is back; clients are told to catch up");
                for (Runnable listener : reconnected) {
                    try {
                        listener.run();
                    } catch (RuntimeException failed) {
                        LOG.log(Level.ERROR, () -> "a reconnection listener failed: " + failed.getClass().getName());
                    }
                }
            }
        }

        @Override
        public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
            up.set(false);
            if (cut.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "the cluster's Redis is unreachable: events of other nodes are missed until it is back");
            }
        }

        @Override
        public void onRedisExceptionCaught(io.lettuce.core.RedisChannelHandler<?, ?> connection, Throwable cause) {
            // reported by the disconnection that follows
        }
    }
}
