package org.carechat.adapter.inmemory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.carechat.application.port.Calls;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallState;
import org.carechat.domain.conversation.ConversationId;

/**
 * Calls that are ringing or active, in memory. A conversation has at most one live call: of two people
 * calling each other at the same moment, exactly one call rings.
 */
public final class InMemoryCalls implements Calls {
    private final ConcurrentHashMap<CallId, Call> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ConversationId, CallId> latestIn = new ConcurrentHashMap<>();

    @Override
    public boolean startIfIdle(Call call) {
        Objects.requireNonNull(call, "call");
        if (call.state() == CallState.ENDED) {
            throw new IllegalArgumentException("an ended call cannot start");
        }
        boolean[] started = new boolean[1];
        // The conversation's bin stays locked while the check and the store happen, so two callers
        // racing in one conversation cannot both start.
        latestIn.compute(call.conversationId(), (conversation, latest) -> {
            if (latest != null && isLive(byId.get(latest))) {
                return latest;
            }
            if (byId.putIfAbsent(call.id(), call) != null) {
                throw new IllegalArgumentException("call " + call.id() + " already exists");
            }
            started[0] = true;
            return call.id();
        });
        return started[0];
    }

    @Override
    public Optional<Call> find(CallId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Call> update(CallId id, UnaryOperator<Call> change) {
        Objects.requireNonNull(change, "change");
        return Optional.ofNullable(byId.computeIfPresent(id, (key, current) -> {
            Call next = Objects.requireNonNull(change.apply(current), "the change returned no call");
            if (!next.id().equals(current.id()) || !next.conversationId().equals(current.conversationId())) {
                throw new IllegalArgumentException("a change may not move a call to another conversation");
            }
            return next;
        }));
    }

    @Override
    public void remove(CallId id) {
        Call removed = byId.remove(id);
        if (removed != null) {
            latestIn.remove(removed.conversationId(), id);
        }
    }

    @Override
    public Optional<Call> liveIn(ConversationId conversation) {
        CallId latest = latestIn.get(conversation);
        if (latest == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byId.get(latest)).filter(InMemoryCalls::isLive);
    }

    private static boolean isLive(Call call) {
        return call != null && call.state() != CallState.ENDED;
    }
}
