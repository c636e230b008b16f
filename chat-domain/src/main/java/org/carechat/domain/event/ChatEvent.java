package org.carechat.domain.event;

import java.time.Duration;
import java.time.Instant;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.message.Reactions;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.UserId;

/** What happened, as the people it concerns are told in real time. */
public sealed interface ChatEvent {

    /** A message joined its conversation. */
    record MessageCreated(MessageView message) implements ChatEvent {
    }

    record MessageEdited(MessageView message) implements ChatEvent {
    }

    record MessageDeleted(ConversationId conversationId, MessageId messageId) implements ChatEvent {
    }

    record ReactionsUpdated(ConversationId conversationId, MessageId messageId, Reactions reactions) implements ChatEvent {
    }

    /** A recipient acknowledged an urgent message. */
    record MessageAcknowledged(ConversationId conversationId, MessageId messageId, UserId by, Instant at) implements ChatEvent {
    }

    /** An urgent message nobody acknowledged, told again to its recipients. */
    record UrgentReminder(ConversationId conversationId, MessageId messageId, UserId senderId, Instant sentAt)
            implements ChatEvent {
    }

    /**
     * An urgent message nobody acknowledged, even after a reminder, handed on to {@code escalatedTo} (who may be
     * none). {@code patientId} is the conversation's patient, null when it has none.
     */
    record UrgentEscalated(ConversationId conversationId, MessageId messageId, UserId senderId, UserId patientId,
                           Instant sentAt, java.util.List<UserId> escalatedTo) implements ChatEvent {
        public UrgentEscalated {
            escalatedTo = java.util.List.copyOf(escalatedTo);
        }
    }

    record MessagesDelivered(ConversationId conversationId, UserId userId, long upToSeq, Instant at) implements ChatEvent {
    }

    record MessagesRead(ConversationId conversationId, UserId userId, long upToSeq, Instant at) implements ChatEvent {
    }

    /** One participant's view of a conversation changed (read, muted, pinned); told to that participant's other devices. */
    record ConversationUpdated(ConversationView conversation) implements ChatEvent {
    }

    record TypingStarted(ConversationId conversationId, UserId userId) implements ChatEvent {
    }

    record TypingStopped(ConversationId conversationId, UserId userId) implements ChatEvent {
    }

    record StatusChanged(PresenceState presence) implements ChatEvent {
    }

    record IncomingCall(CallId callId, ConversationId conversationId, UserId from, CallMedia media) implements ChatEvent {
    }

    record CallAccepted(CallId callId, UserId by) implements ChatEvent {
    }

    record CallRejected(CallId callId, UserId by, String reason) implements ChatEvent {
    }

    record CallEnded(CallId callId, CallOutcome outcome, String reason, Duration duration) implements ChatEvent {
    }

    /**
     * A clinician ({@code by}, named {@code byName} in the directory) opened break-glass access to a patient's
     * conversations, with this reason, until then; told to the patient's care team.
     */
    record BreakGlassOpened(UserId by, String byName, UserId patientId, String reason, Instant until) implements ChatEvent {
    }

    /** SDP or ICE from one party, relayed verbatim to the other. */
    record CallSignal(CallId callId, UserId from, String signal) implements ChatEvent {
    }
}
