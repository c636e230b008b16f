package org.carechat.bootstrap.server;

import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.carechat.adapter.redis.RedisCalls;
import org.carechat.adapter.redis.RedisEventBus;
import org.carechat.adapter.redis.RedisPresence;
import org.carechat.bootstrap.config.ServerConfig;

/**
 * What makes a server one node of a cluster: one Redis client, shared by the event bus (the nodes' events), the
 * presence every node counts in (with this node's heartbeat and the reaping of dead nodes) and the live calls.
 */
final class ClusterNode implements AutoCloseable {
    private final RedisClient client;
    private final RedisEventBus bus;
    private final RedisPresence presence;
    private final RedisCalls calls;
    private final ScheduledExecutorService heartbeat;

    private ClusterNode(RedisClient client, RedisEventBus bus, RedisPresence presence, RedisCalls calls,
                        ScheduledExecutorService heartbeat) {
        this.client = client;
        this.bus = bus;
        this.presence = presence;
        this.calls = calls;
        this.heartbeat = heartbeat;
    }

    /**
     * Connects node {@code node} to the cluster's Redis.
     *
     * @throws IllegalStateException when Redis does not answer: a node does not start without it
     */
    static ClusterNode connect(ServerConfig config, String node, Clock clock) {
        RedisClient client = RedisEventBus.client(config.redisUri());
        try {
            RedisEventBus bus = RedisEventBus.on(client, config.redisChannel());
            RedisPresence presence = RedisPresence.on(client, config.redisChannel() + ":", node, clock,
                    config.clusterNodeTtl());
            ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "carechat-cluster-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            RedisCalls calls = RedisCalls.on(client, config.redisChannel() + ":");
            return new ClusterNode(client, bus, presence, calls, heartbeat);
        } catch (RuntimeException unreachable) {
            client.shutdown();
            throw new IllegalStateException("the cluster's Redis (CHAT_REDIS_URI) does not answer: " + unreachable.getMessage(),
                    unreachable);
        }
    }

    RedisEventBus bus() {
        return bus;
    }

    RedisPresence presence() {
        return presence;
    }

    RedisCalls calls() {
        return calls;
    }

    /** Starts the heartbeat that keeps this node's sessions counting, and reaps the nodes that died. */
    void start() {
        presence.start(heartbeat);
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            presence.close();
            calls.close();
            bus.close();
        } finally {
            client.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        }
    }
}
