package org.carechat.application.call;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.carechat.application.Actor;
import org.carechat.application.port.Calls;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Notifier;
import org.carechat.application.port.Presence;
import org.carechat.application.port.Timers;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.MessageWriter;
import org.carechat.application.support.Unit;
import org.carechat.application.support.Outcomes;
import org.carechat.application.support.PageLimits;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallState;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.care.Decision;
import org.carechat.domain.common.Text;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * Call signalling. Calling is new activity, so it needs the care policy's consent, for as long as the call
 * lasts; one live call per conversation. The server watches every live call and ends it on its own when
 * it rings unanswered too long, when the care relationship behind it ends (revoked or expired), when
 * neither party of an answered call has had an open session for the grace period, or when it has lasted
 * the longest a call may. When a call ends, however it ends, a {@code call} message records it.
 */
public final class CallService implements RequestCallUseCase, AnswerCallUseCase, RelayCallSignalUseCase, CallHistoryUseCase {
    public static final int MAX_REASON_LENGTH = 200;
    public static final int DEFAULT_HISTORY_LIMIT = 50;

    /** Why the server ended a call, as {@code call_ended}'s {@code reason} says it. */
    public static final String MISSED = "missed";
    public static final String CARE_ENDED = "care_ended";
    public static final String DISCONNECTED = "disconnected";
    public static final String MAX_DURATION = "max_duration";
    /** The actor of the audit entry of a call the server ended. */
    public static final UserId SERVER = UserId.of("carechat:calls");
    private static final Actor SERVER_ACTOR = Actor.of(SERVER, Role.SERVICE);

    private final CareAccess access;
    private final Calls calls;
    private final Conversations conversations;
    private final Messages messages;
    private final MessageWriter writer;
    private final Notifier notifier;
    private final Presence presence;
    private final Timers timers;
    private final Audit audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Limits limits;
    private final ConcurrentHashMap<CallId, Timers.Scheduled> watches = new ConcurrentHashMap<>();

    /**
     * How long calls may ring, go on without a connected party, and last; how large a signal may be; how
     * long a page of call history is.
     */
    public record Limits(Duration ringTimeout, Duration disconnectGrace, Duration maxDuration, int maxSignalBytes,
                         PageLimits pages) {
    }

    public CallService(CareAccess access, Calls calls, Conversations conversations, Messages messages,
                       MessageWriter writer, Notifier notifier, Presence presence, Timers timers, Audit audit,
                       IdGenerator ids, Clock clock, Limits limits) {
        this.access = access;
        this.calls = calls;
        this.conversations = conversations;
        this.messages = messages;
        this.writer = writer;
        this.notifier = notifier;
        this.presence = presence;
        this.timers = timers;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public Result<Call> requestCall(RequestCall command) {
        Actor actor = command.actor();
        return audit.run(actor, AuditAction.CALL_REQUEST, unit -> {
            // what the caller aimed at, recorded before anything can refuse it, so a refused attempt names it too
            unit.add("conversation", command.conversationId()).add("user", command.to());
            access.requireConversant(actor);
            if ((command.conversationId() == null) == (command.to() == null)) {
                throw Refusal.invalid("give either conversationId or to");
            }
            if (command.media() == null) {
                throw Refusal.invalid("media must be audio or video");
            }
            Conversation conversation = command.conversationId() != null
                    ? access.writableConversation(actor, command.conversationId())
                    : access.direct(actor, command.to(), ConversationId.of("c_" + ids.newId())).conversation();
            unit.add("conversation", conversation.id());
            UserId callee = conversation.othersThan(actor.id()).get(0);
            Call call = Call.ring(CallId.of("call_" + ids.newId()), conversation.id(), actor.id(), callee,
                    command.media(), clock.instant());
            // a call whose ring timeout was lost (its server died while it rang) ends as missed now, and frees the line
            if (!calls.startIfIdle(call) && !(calls.liveIn(conversation.id()).map(this::endIfRangOut).orElse(false)
                    && calls.startIfIdle(call))) {
                throw Refusal.conflict("a call is already in progress in this conversation");
            }
            unit.add("call", call.id());
            notifier.notify(List.of(callee), new ChatEvent.IncomingCall(call.id(), conversation.id(), actor.id(),
                    call.media()), null);
            watch(call, conversation);
            return call;
        });
    }

    @Override
    public Result<Call> accept(CallAction command) {
        return act(command, AuditAction.CALL_ACCEPT, true, call -> call.accept(command.actor().id(), clock.instant()),
                call -> new ChatEvent.CallAccepted(call.id(), command.actor().id()));
    }

    @Override
    public Result<Call> reject(CallAction command) {
        return act(command, AuditAction.CALL_REJECT, false, call -> call.reject(command.actor().id(), clock.instant()),
                call -> new ChatEvent.CallRejected(call.id(), command.actor().id(), reason(command.reason())));
    }

    @Override
    public Result<Call> end(CallAction command) {
        return act(command, AuditAction.CALL_END, false, call -> call.end(command.actor().id(), clock.instant()),
                call -> new ChatEvent.CallEnded(call.id(), call.outcome(), reason(command.reason()), call.duration()));
    }

    @Override
    public Result<CallId> relay(RelaySignal command) {
        // signals are neither stored nor audited (request, answer and end of the call are): a call sets up with
        // dozens of ICE candidates
        return Outcomes.attempt(() -> {
            Call call = liveCallOf(command.actor(), command.callId());
            if (command.signal() == null || command.signal().isBlank()) {
                throw Refusal.invalid("signal is required");
            }
            Text.requireWellFormed(command.signal(), "signal");
            if (command.signal().getBytes(StandardCharsets.UTF_8).length > limits.maxSignalBytes()) {
                throw new Refusal(new ChatFailure.TooLarge("a signal is at most " + limits.maxSignalBytes() + " bytes"));
            }
            requireCareGoesOn(call);
            notifier.notify(List.of(call.otherParty(command.actor().id())),
                    new ChatEvent.CallSignal(call.id(), command.actor().id(), command.signal()), null);
            return call.id();
        });
    }

    @Override
    public Result<List<Message>> history(CallHistory command) {
        return audit.run(command.actor(), AuditAction.CALL_HISTORY_READ, unit -> {
            unit.add("conversation", command.conversationId());
            Conversation conversation = access.participantOf(command.actor(), command.conversationId());
            return messages.ofType(conversation.id(), MessageType.CALL,
                    limits.pages().of(command.limit(), DEFAULT_HISTORY_LIMIT));
        });
    }

    /**
     * The care relationship between two people changed (revoked, renewed, shortened): their live call is
     * looked at now, and ends at once when the care no longer allows it.
     */
    public void careChanged(CareRelationship relationship) {
        Outcomes.attempt(() -> {
            conversations.findDirect(relationship.patient(), relationship.clinician())
                    .flatMap(conversation -> calls.liveIn(conversation.id()))
                    .ifPresent(call -> supervise(call.id()));
            return relationship;
        });
    }

    private Result<Call> act(CallAction command, AuditAction action, boolean needsCare, UnaryOperator<Call> change,
                             Function<Call, ChatEvent> eventOf) {
        // the live call changes once: when the call's record collides with another writer and the operation runs
        // again, only the record is written again
        AtomicReference<Call> done = new AtomicReference<>();
        return audit.run(command.actor(), action, unit -> {
            unit.add("call", command.callId());
            if (done.get() == null) {
                Call live = liveCallOf(command.actor(), command.callId());
                if (endIfRangOut(live)) {
                    throw Refusal.conflict("the call has already ended: nobody answered it in time");
                }
                reason(command.reason());
                if (needsCare) {
                    requireCareGoesOn(live);
                }
                done.set(calls.update(command.callId(), change).orElseThrow(() -> Refusal.notFound("call")));
                notifier.notify(List.of(done.get().caller(), done.get().callee()), eventOf.apply(done.get()),
                        command.actor().session());
            }
            Call changed = done.get();
            unit.add("conversation", changed.conversationId());
            if (changed.state() == CallState.ENDED) {
                finish(unit, changed);
            } else {
                conversations.find(changed.conversationId()).ifPresent(conversation -> watch(changed, conversation));
            }
            return changed;
        });
    }

    /**
     * Accepting and signalling are new activity: when the care behind the call has ended (and the watch has
     * not noticed yet, as with a clinic's own appointment system), the call ends now and the action is refused.
     */
    private void requireCareGoesOn(Call call) {
        Conversation conversation = conversations.find(call.conversationId()).orElseThrow(() -> Refusal.notFound("call"));
        Decision decision = access.maySend(call.caller(), conversation);
        if (!decision.allowed()) {
            terminate(call.id(), CARE_ENDED);
            throw Refusal.forbidden(decision.reason());
        }
    }

    /** Looks at a live call again when the next thing that could end it is due. */
    private void watch(Call call, Conversation conversation) {
        Instant now = clock.instant();
        Instant next = now.plus(limits.disconnectGrace());
        next = earliest(next, deadlineOf(call));
        next = earliest(next, access.careEnds(call.caller(), conversation).orElse(null));
        Optional<Instant> abandoned = abandonedSince(call);
        if (abandoned.isPresent()) {
            next = earliest(next, abandoned.get().plus(limits.disconnectGrace()));
        }
        watchAfter(call.id(), next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO);
    }

    private void watchAfter(CallId id, Duration delay) {
        watches.compute(id, (key, previous) -> {
            if (previous != null) {
                previous.cancel();
            }
            return timers.schedule(delay, () -> supervise(id));
        });
    }

    /**
     * Ends the call if something says it must end now; otherwise watches it on. When looking fails (the store
     * does not answer), the call is looked at again a grace period later: a blip never leaves a call unwatched.
     */
    private void supervise(CallId id) {
        boolean settled = false;
        try {
            settled = Outcomes.attempt(() -> {
                Optional<Call> live = calls.find(id).filter(call -> call.state() != CallState.ENDED);
                if (live.isEmpty()) {
                    forget(id);
                    return true;
                }
                Call call = live.get();
                Optional<Conversation> conversation = conversations.find(call.conversationId());
                String reason = conversation.isEmpty() ? CARE_ENDED : reasonToEnd(call, conversation.get());
                if (reason != null) {
                    terminate(id, reason);
                } else {
                    watch(call, conversation.get());
                }
                return true;
            }).isOk();
        } finally {
            if (!settled && calls.find(id).isPresent()) {
                watchAfter(id, limits.disconnectGrace());
            }
        }
    }

    /** Why the call must end now, or null when it may go on. */
    private String reasonToEnd(Call call, Conversation conversation) {
        Instant now = clock.instant();
        if (call.state() == CallState.RINGING && !now.isBefore(deadlineOf(call))) {
            return MISSED;
        }
        if (!access.maySend(call.caller(), conversation).allowed()) {
            return CARE_ENDED;
        }
        if (call.state() == CallState.ACTIVE && !now.isBefore(deadlineOf(call))) {
            return MAX_DURATION;
        }
        Optional<Instant> abandoned = abandonedSince(call);
        if (abandoned.isPresent() && !now.isBefore(abandoned.get().plus(limits.disconnectGrace()))) {
            return DISCONNECTED;
        }
        return null;
    }

    /**
     * A ringing call past its ring timeout ends as missed now: its timer may have been lost with the server that
     * placed it (a node of a cluster that died), so whoever touches the call next applies it. True when it ended.
     */
    private boolean endIfRangOut(Call call) {
        if (call.state() != CallState.RINGING || clock.instant().isBefore(deadlineOf(call))) {
            return false;
        }
        terminate(call.id(), MISSED);
        return true;
    }

    /** The server ends the call, once, whoever else tries to end it at the same moment. */
    private void terminate(CallId id, String reason) {
        AtomicBoolean endedNow = new AtomicBoolean();
        Optional<Call> after = calls.update(id, call -> {
            Call next = reason.equals(MISSED) ? call.ringTimedOut(clock.instant()) : call.terminate(clock.instant());
            endedNow.set(next != call);
            return next;
        });
        if (endedNow.get() && after.isPresent()) {
            Call ended = after.get();
            notifier.notify(List.of(ended.caller(), ended.callee()),
                    new ChatEvent.CallEnded(ended.id(), ended.outcome(), reason, ended.duration()), null);
            audit.run(SERVER_ACTOR, AuditAction.CALL_TERMINATE, unit -> {
                unit.add("call", ended.id()).add("conversation", ended.conversationId()).add("reason", reason);
                finish(unit, ended);
                return ended;
            });
        }
    }

    /** A ringing call ends at its ring timeout; an answered one at the longest a call may last. */
    private Instant deadlineOf(Call call) {
        return call.state() == CallState.ACTIVE
                ? call.answeredAt().plus(limits.maxDuration())
                : call.requestedAt().plus(limits.ringTimeout());
    }

    /**
     * Since when nobody has been there to end an answered call: both parties without an open session, the
     * later of their departures (counted from the answer at the earliest). Empty while one of them is
     * connected, and for a ringing call, which its ring timeout bounds. One party gone is not enough: the
     * media flows between the two directly, so a phone whose socket is reconnecting may still be talking,
     * and the party still there can hang up. A party never seen at all is not judged: an embedding that
     * reports no sessions to the core keeps its calls until they are hung up or last too long.
     */
    private Optional<Instant> abandonedSince(Call call) {
        if (call.state() != CallState.ACTIVE) {
            return Optional.empty();
        }
        Instant since = call.answeredAt();
        for (UserId party : List.of(call.caller(), call.callee())) {
            PresenceState state = presence.find(party);
            if (state.isOnline() || state.lastSeen() == null) {
                return Optional.empty();
            }
            if (state.lastSeen().isAfter(since)) {
                since = state.lastSeen();
            }
        }
        return Optional.of(since);
    }

    private static Instant earliest(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    /**
     * The call leaves the live calls and joins the conversation's history as a {@code call} message. The server
     * writes that message, so every session gets it, the one that hung up too: its reply carries the call, not
     * the message, and without it that session would see a gap in the conversation's seq.
     */
    private void finish(Unit unit, Call ended) {
        calls.remove(ended.id());
        forget(ended.id());
        MessageDraft record = new MessageDraft(MessageId.of(ids.newId()), ended.conversationId(), ended.caller(),
                MessageType.CALL, null, null, null, null, ended.endedAt(), ended.summary());
        writer.write(unit, record, null);
    }

    private void forget(CallId id) {
        Timers.Scheduled watch = watches.remove(id);
        if (watch != null) {
            watch.cancel();
        }
    }

    private Call liveCallOf(Actor actor, CallId id) {
        return calls.find(id).filter(call -> call.involves(actor.id())).orElseThrow(() -> Refusal.notFound("call"));
    }

    private static String reason(String reason) {
        Text.requireWellFormed(reason, "reason");
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw Refusal.invalid("reason must be at most " + MAX_REASON_LENGTH + " characters");
        }
        return reason;
    }
}
