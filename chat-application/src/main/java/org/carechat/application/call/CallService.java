package org.carechat.application.call;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.carechat.application.Actor;
import org.carechat.application.port.Calls;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Notifier;
import org.carechat.application.port.Timers;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.application.support.MessageWriter;
import org.carechat.application.support.Outcomes;
import org.carechat.application.support.PageLimits;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallState;
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
import org.carechat.domain.user.UserId;

/**
 * Call signalling. Calling is new activity, so it needs the care policy's consent; one live call per
 * conversation. When a call ends, however it ends, a {@code call} message records it in the conversation.
 */
public final class CallService implements RequestCallUseCase, AnswerCallUseCase, RelayCallSignalUseCase, CallHistoryUseCase {
    public static final int MAX_REASON_LENGTH = 200;
    public static final int DEFAULT_HISTORY_LIMIT = 50;

    private final CareAccess access;
    private final Calls calls;
    private final Messages messages;
    private final MessageWriter writer;
    private final Notifier notifier;
    private final Timers timers;
    private final Audit audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration ringTimeout;
    private final int maxSignalBytes;
    private final PageLimits limits;

    public CallService(CareAccess access, Calls calls, Messages messages, MessageWriter writer, Notifier notifier,
                       Timers timers, Audit audit, IdGenerator ids, Clock clock, Duration ringTimeout,
                       int maxSignalBytes, PageLimits limits) {
        this.access = access;
        this.calls = calls;
        this.messages = messages;
        this.writer = writer;
        this.notifier = notifier;
        this.timers = timers;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.ringTimeout = ringTimeout;
        this.maxSignalBytes = maxSignalBytes;
        this.limits = limits;
    }

    @Override
    public Result<Call> requestCall(RequestCall command) {
        Actor actor = command.actor();
        return audit.run(actor, AuditAction.CALL_REQUEST, targets -> {
            // what the caller aimed at, recorded before anything can refuse it, so a refused attempt names it too
            targets.add("conversation", command.conversationId()).add("user", command.to());
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
            targets.add("conversation", conversation.id());
            UserId callee = conversation.othersThan(actor.id()).get(0);
            Call call = Call.ring(CallId.of("call_" + ids.newId()), conversation.id(), actor.id(), callee,
                    command.media(), clock.instant());
            if (!calls.startIfIdle(call)) {
                throw Refusal.conflict("a call is already in progress in this conversation");
            }
            targets.add("call", call.id());
            notifier.notify(List.of(callee), new ChatEvent.IncomingCall(call.id(), conversation.id(), actor.id(),
                    call.media()), null);
            timers.schedule(ringTimeout, () -> ringTimedOut(call.id()));
            return call;
        });
    }

    @Override
    public Result<Call> accept(CallAction command) {
        return act(command, AuditAction.CALL_ACCEPT, call -> call.accept(command.actor().id(), clock.instant()),
                call -> new ChatEvent.CallAccepted(call.id(), command.actor().id()));
    }

    @Override
    public Result<Call> reject(CallAction command) {
        return act(command, AuditAction.CALL_REJECT, call -> call.reject(command.actor().id(), clock.instant()),
                call -> new ChatEvent.CallRejected(call.id(), command.actor().id(), reason(command.reason())));
    }

    @Override
    public Result<Call> end(CallAction command) {
        return act(command, AuditAction.CALL_END, call -> call.end(command.actor().id(), clock.instant()),
                call -> new ChatEvent.CallEnded(call.id(), call.outcome(), reason(command.reason()), call.duration()));
    }

    @Override
    public Result<CallId> relay(RelaySignal command) {
        return Outcomes.attempt(() -> {
            Call call = liveCallOf(command.actor(), command.callId());
            if (command.signal() == null || command.signal().isBlank()) {
                throw Refusal.invalid("signal is required");
            }
            if (command.signal().getBytes(StandardCharsets.UTF_8).length > maxSignalBytes) {
                throw new Refusal(new ChatFailure.TooLarge("a signal is at most " + maxSignalBytes + " bytes"));
            }
            notifier.notify(List.of(call.otherParty(command.actor().id())),
                    new ChatEvent.CallSignal(call.id(), command.actor().id(), command.signal()), null);
            return call.id();
        });
    }

    @Override
    public Result<List<Message>> history(CallHistory command) {
        return audit.run(command.actor(), AuditAction.CALL_HISTORY_READ, targets -> {
            targets.add("conversation", command.conversationId());
            Conversation conversation = access.participantOf(command.actor(), command.conversationId());
            return messages.ofType(conversation.id(), MessageType.CALL, limits.of(command.limit(), DEFAULT_HISTORY_LIMIT));
        });
    }

    private Result<Call> act(CallAction command, AuditAction action, UnaryOperator<Call> change,
                             Function<Call, ChatEvent> eventOf) {
        return audit.run(command.actor(), action, targets -> {
            targets.add("call", command.callId());
            liveCallOf(command.actor(), command.callId());
            reason(command.reason());
            Call changed = calls.update(command.callId(), change).orElseThrow(() -> Refusal.notFound("call"));
            targets.add("conversation", changed.conversationId());
            notifier.notify(List.of(changed.caller(), changed.callee()), eventOf.apply(changed), command.actor().session());
            if (changed.state() == CallState.ENDED) {
                finish(changed);
            }
            return changed;
        });
    }

    private void ringTimedOut(CallId id) {
        Outcomes.attempt(() -> {
            AtomicBoolean missedNow = new AtomicBoolean();
            Optional<Call> after = calls.update(id, call -> {
                Call next = call.ringTimedOut(clock.instant());
                missedNow.set(next != call);
                return next;
            });
            if (missedNow.get() && after.isPresent()) {
                Call ended = after.get();
                notifier.notify(List.of(ended.caller(), ended.callee()),
                        new ChatEvent.CallEnded(ended.id(), ended.outcome(), "missed", ended.duration()), null);
                finish(ended);
            }
            return id;
        });
    }

    /**
     * The call leaves the live calls and joins the conversation's history as a {@code call} message. The server
     * writes that message, so every session gets it, the one that hung up too: its reply carries the call, not
     * the message, and without it that session would see a gap in the conversation's seq.
     */
    private void finish(Call ended) {
        calls.remove(ended.id());
        MessageDraft record = new MessageDraft(MessageId.of(ids.newId()), ended.conversationId(), ended.caller(),
                MessageType.CALL, null, null, null, null, ended.endedAt(), ended.summary());
        writer.write(record, null);
    }

    private Call liveCallOf(Actor actor, CallId id) {
        return calls.find(id).filter(call -> call.involves(actor.id())).orElseThrow(() -> Refusal.notFound("call"));
    }

    private static String reason(String reason) {
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw Refusal.invalid("reason must be at most " + MAX_REASON_LENGTH + " characters");
        }
        return reason;
    }
}
