package org.carechat.adapter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carechat.application.port.Calls;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.call.CallState;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;

/**
 * The live calls of a cluster, in Redis, so that a call rung through one node is answered, signalled and ended
 * through any: each call one string ({@code <prefix>call:<id>}, its state first), and per conversation the id of its
 * latest call ({@code <prefix>call-in:<conversation>}). Starting a call and removing one are Lua scripts; an update
 * reads the call, applies the change here and writes it back only if nobody changed it meanwhile (else it runs the
 * change again), as the port allows. Every key expires a day after its last write, a bound for calls whose nodes
 * all died before ending them.
 */
public final class RedisCalls implements Calls, AutoCloseable {
    static final Duration KEEP = Duration.ofDays(1);
    private static final char SEPARATOR = '\u001f';
    private static final String ENDED = CallState.ENDED.name();

    /**
     * KEYS[1] the conversation's index, KEYS[2] the call; ARGV[1] its encoding, ARGV[2] the prefix of call keys,
     * ARGV[3] how long keys are kept (ms), ARGV[4] the call's id.
     */
    private static final String START = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local other = redis.call('GET', ARGV[2] .. current)
              if other and string.sub(other, 1, string.len('%s')) ~= '%s' then return 0 end
            end
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
            redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[3])
            return 1
            """.formatted(ENDED, ENDED);
    /** KEYS[1] the call; ARGV[1] what it was, ARGV[2] what it becomes, ARGV[3] ms. */
    private static final String SWAP = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;
    /** KEYS[1] the call, KEYS[2] its conversation's index; ARGV[1] the call's id. */
    private static final String REMOVE = """
            redis.call('DEL', KEYS[1])
            if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
            return 1
            """;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String prefix;

    private RedisCalls(StatefulRedisConnection<String, String> connection, String prefix) {
        this.connection = connection;
        this.redis = connection.sync();
        this.prefix = prefix;
    }

    public static RedisCalls on(RedisClient client, String prefix) {
        return new RedisCalls(client.connect(), Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public boolean startIfIdle(Call call) {
        Objects.requireNonNull(call, "call");
        Long started = call(() -> redis.eval(START, ScriptOutputType.INTEGER,
                new String[] {indexKey(call.conversationId()), callKey(call.id())},
                encode(call), prefix + "call:", Long.toString(KEEP.toMillis()), call.id().value()));
        return started == 1L;
    }

    @Override
    public Optional<Call> find(CallId id) {
        Objects.requireNonNull(id, "id");
        String encoded = call(() -> redis.get(callKey(id)));
        return encoded == null ? Optional.empty() : Optional.of(decode(id, encoded));
    }

    @Override
    public Optional<Call> update(CallId id, UnaryOperator<Call> change) {
        Objects.requireNonNull(change, "change");
        while (true) {
            String before = call(() -> redis.get(callKey(id)));
            if (before == null) {
                return Optional.empty();
            }
            Call changed = change.apply(decode(id, before));
            String after = encode(changed);
            Long swapped = call(() -> redis.eval(SWAP, ScriptOutputType.INTEGER, new String[] {callKey(id)}, before, after,
                    Long.toString(KEEP.toMillis())));
            if (swapped == 1L) {
                return Optional.of(changed);
            }
        }
    }

    @Override
    public void remove(CallId id) {
        Optional<Call> call = find(id);
        if (call.isPresent()) {
            call(() -> redis.eval(REMOVE, ScriptOutputType.INTEGER,
                    new String[] {callKey(id), indexKey(call.get().conversationId())}, id.value()));
        }
    }

    @Override
    public Optional<Call> liveIn(ConversationId conversation) {
        String id = call(() -> redis.get(indexKey(conversation)));
        if (id == null) {
            return Optional.empty();
        }
        return find(CallId.of(id)).filter(call -> call.state() != CallState.ENDED);
    }

    @Override
    public void close() {
        connection.close();
    }

    private String callKey(CallId id) {
        return prefix + "call:" + id.value();
    }

    private String indexKey(ConversationId conversation) {
        return prefix + "call-in:" + conversation.value();
    }

    private static <T> T call(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException unreachable) {
            throw new StoreUnavailableException("calls (Redis) do not answer", unreachable);
        }
    }

    /** The state first (the start script reads it), then every other field; ids hold no separator. */
    static String encode(Call call) {
        return String.join(String.valueOf(SEPARATOR), call.state().name(), call.conversationId().value(),
                call.caller().value(), call.callee().value(), call.media().name(), call.requestedAt().toString(),
                text(call.answeredAt()), text(call.endedAt()), call.outcome() == null ? "" : call.outcome().name());
    }

    static Call decode(CallId id, String encoded) {
        String[] f = encoded.split(String.valueOf(SEPARATOR), -1);
        if (f.length != 9) {
            throw new IllegalStateException("call " + id + " is stored in a form this server does not read");
        }
        return new Call(id, ConversationId.of(f[1]), UserId.of(f[2]), UserId.of(f[3]), CallMedia.valueOf(f[4]),
                CallState.valueOf(f[0]), Instant.parse(f[5]), instant(f[6]), instant(f[7]),
                f[8].isEmpty() ? null : CallOutcome.valueOf(f[8]));
    }

    private static String text(Instant at) {
        return at == null ? "" : at.toString();
    }

    private static Instant instant(String text) {
        return text.isEmpty() ? null : Instant.parse(text);
    }
}
