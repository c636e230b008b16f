package org.carechat.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.carechat.application.port.Presence;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.domain.presence.Availability;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.UserId;

/**
 * Presence shared by the nodes of a cluster, in Redis: per user a hash of open sessions per node
 * ({@code n:<node>} fields), the status and when last seen. A user is online while a live node holds a session
 * of theirs; a node is live while its key ({@code <prefix>node:<id>}, with a time to live) is refreshed, every
 * third of that time. A node that dies stops refreshing it: within the time to live its users' sessions there stop
 * counting, and the next node to look removes them and reports each user it took offline ({@link #onLost}), so
 * that their contacts are told. Each call is one Lua script, atomic in Redis. One Redis (or a primary with
 * replicas), not a Redis Cluster: a script reads the keys of the nodes it counts.
 */
public final class RedisPresence implements Presence, AutoCloseable {
    /** How long a node's sessions count once it stops refreshing its key. */
    public static final Duration DEFAULT_NODE_TTL = Duration.ofSeconds(15);

    private static final Logger LOG = System.getLogger(RedisPresence.class.getName());

    /** The state of one user: KEYS[1] their hash; ARGV[1] the prefix of node keys. Returns {sessions, status, lastSeen}. */
    private static final String STATE = """
            local function state(key, nodes)
              local fields = redis.call('HGETALL', key)
              local sessions, status, seen = 0, false, false
              for i = 1, #fields, 2 do
                local name, value = fields[i], fields[i + 1]
                if string.sub(name, 1, 2) == 'n:' then
                  if redis.call('EXISTS', nodes .. string.sub(name, 3)) == 1 then
                    sessions = sessions + tonumber(value)
                  end
                elseif name == 'status' then status = value
                elseif name == 'lastSeen' then seen = value end
              end
              return {sessions, status, seen}
            end
            """;
    private static final String CONNECT = STATE + """
            redis.call('HINCRBY', KEYS[1], 'n:' .. ARGV[2], 1)
            redis.call('HSET', KEYS[1], 'lastSeen', ARGV[3])
            redis.call('SADD', KEYS[2], ARGV[4])
            return state(KEYS[1], ARGV[1])
            """;
    private static final String DISCONNECT = STATE + """
            local field = 'n:' .. ARGV[2]
            local left = tonumber(redis.call('HGET', KEYS[1], field) or '0') - 1
            if left > 0 then redis.call('HSET', KEYS[1], field, left)
            else redis.call('HDEL', KEYS[1], field) redis.call('SREM', KEYS[2], ARGV[4]) end
            redis.call('HSET', KEYS[1], 'lastSeen', ARGV[3])
            return state(KEYS[1], ARGV[1])
            """;
    private static final String STATUS = STATE + """
            redis.call('HSET', KEYS[1], 'status', ARGV[2], 'lastSeen', ARGV[3])
            return state(KEYS[1], ARGV[1])
            """;
    private static final String FIND = STATE + "return state(KEYS[1], ARGV[1])";
    /**
     * Removes the sessions of the dead node ARGV[2] (KEYS[1] the set of its users, KEYS[2] the set of nodes);
     * ARGV[3] the prefix of user hashes, ARGV[4] now. Returns the users it took offline, or nothing if the node
     * lives (or another node reaped it first).
     */
    private static final String REAP = STATE + """
            if redis.call('EXISTS', ARGV[1] .. ARGV[2]) == 1 then return {} end
            local offline = {}
            for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local key = ARGV[3] .. user
              if redis.call('HDEL', key, 'n:' .. ARGV[2]) == 1 then
                if state(key, ARGV[1])[1] == 0 then
                  redis.call('HSET', key, 'lastSeen', ARGV[4])
                  table.insert(offline, user)
                end
              end
            end
            redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[2], ARGV[2])
            return offline
            """;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final String node;
    private final Clock clock;
    private final Duration nodeTtl;
    private final List<Consumer<PresenceState>> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ScheduledFuture<?> heartbeat;
    private volatile boolean unanswered;

    private RedisPresence(StatefulRedisConnection<String, String> connection, String prefix, String node, Clock clock,
                          Duration nodeTtl) {
        this.connection = connection;
        this.redis = connection.sync();
        this.prefix = prefix;
        this.node = node;
        this.clock = clock;
        this.nodeTtl = nodeTtl;
    }

    /**
     * Presence for node {@code node} of the cluster whose keys start with {@code prefix}; the node is live from
     * now (its key is set), and stays so while {@link #start} keeps refreshing it.
     */
    public static RedisPresence on(RedisClient client, String prefix, String node, Clock clock, Duration nodeTtl) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(node, "node");
        if (nodeTtl.toMillis() < 300) {
            throw new IllegalArgumentException("the node time to live must be at least 300 ms");
        }
        RedisPresence presence = new RedisPresence(client.connect(), prefix, node, clock, nodeTtl);
        presence.beat();
        return presence;
    }

    /** Calls {@code listener} with the state of each user a dead node's end took offline. */
    public void onLost(Consumer<PresenceState> listener) {
        lost.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Refreshes this node's key, and reaps dead nodes, every third of the time to live, on {@code scheduler}. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        long period = Math.max(100, nodeTtl.toMillis() / 3);
        heartbeat = scheduler.scheduleWithFixedDelay(() -> {
            try {
                beat();
                reap();
            } catch (RuntimeException unreachable) {
                LOG.log(Level.WARNING, () -> "presence heartbeat failed: " + unreachable.getClass().getSimpleName());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        redis.set(nodeKey(node), "1", io.lettuce.core.SetArgs.Builder.px(nodeTtl.toMillis()));
        redis.sadd(prefix + "nodes", node);
    }

    /** Removes the sessions of every node that stopped refreshing its key; reports who went offline. */
    void reap() {
        for (String other : redis.smembers(prefix + "nodes")) {
            if (other.equals(node)) {
                continue;
            }
            List<Object> offline = redis.eval(REAP, ScriptOutputType.MULTI,
                    new String[] {prefix + "node-users:" + other, prefix + "nodes"},
                    prefix + "node:", other, prefix + "presence:", Long.toString(clock.millis()));
            for (Object user : offline) {
                PresenceState state = find(UserId.of(user.toString()));
                LOG.log(Level.INFO, () -> "node " + other + " is gone: " + user + " is offline");
                for (Consumer<PresenceState> listener : lost) {
                    try {
                        listener.accept(state);
                    } catch (RuntimeException failed) {
                        LOG.log(Level.ERROR, () -> "a lost-presence listener failed: " + failed.getClass().getName());
                    }
                }
            }
        }
    }

    @Override
    public PresenceState connected(UserId user, Instant at) {
        return run(CONNECT, user, node, Long.toString(at.toEpochMilli()), user.value());
    }

    @Override
    public PresenceState disconnected(UserId user, Instant at) {
        return run(DISCONNECT, user, node, Long.toString(at.toEpochMilli()), user.value());
    }

    @Override
    public PresenceState setStatus(UserId user, Availability status, Instant at) {
        Objects.requireNonNull(status, "status");
        return run(STATUS, user, status.name(), Long.toString(at.toEpochMilli()));
    }

    /**
     * The user's presence; while Redis does not answer, offline and unknown (a conversation list still loads, with
     * nobody shown online), which is said once in the log per outage.
     */
    @Override
    public PresenceState find(UserId user) {
        try {
            PresenceState state = run(FIND, user);
            unanswered = false;
            return state;
        } catch (StoreUnavailableException unreachable) {
            if (!unanswered) {
                unanswered = true;
                LOG.log(Level.WARNING, "presence (Redis) does not answer: everyone is shown offline until it is back");
            }
            return PresenceState.offline(user);
        }
    }

    private PresenceState run(String script, UserId user, String... args) {
        Objects.requireNonNull(user, "user");
        String[] values = new String[args.length + 1];
        values[0] = prefix + "node:";
        System.arraycopy(args, 0, values, 1, args.length);
        List<Object> state;
        try {
            state = redis.eval(script, ScriptOutputType.MULTI,
                    new String[] {prefix + "presence:" + user.value(), prefix + "node-users:" + node}, values);
        } catch (RuntimeException unreachable) {
            throw new StoreUnavailableException("presence (Redis) does not answer", unreachable);
        }
        int sessions = ((Number) state.get(0)).intValue();
        Availability status = state.get(1) instanceof String name ? Availability.valueOf(name) : Availability.AVAILABLE;
        Instant seen = state.get(2) instanceof String millis ? Instant.ofEpochMilli(Long.parseLong(millis)) : null;
        return new PresenceState(user, Math.max(0, sessions), status, seen);
    }

    private String nodeKey(String id) {
        return prefix + "node:" + id;
    }

    /** Stops refreshing: the node's sessions stop counting within the time to live (as if it died), unless it closes first. */
    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        connection.close();
    }

    /** For tests: the users whose sessions this node holds, as Redis has them. */
    List<String> holding() {
        return new ArrayList<>(redis.smembers(prefix + "node-users:" + node));
    }
}
