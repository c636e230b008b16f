package org.carechat.application.port;

import java.time.Instant;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.user.UserId;

/**
 * Tells the clinic's push service that someone with no open session has a new message (or an urgent one waits for
 * them), so it can wake their phone. A notice carries ids only: never the content, the sender's name or anything else a lock screen could show.
 */
public interface PushNotifications {
    /** No push service: nothing is told. */
    PushNotifications NONE = notice -> { };

    /**
     * Called once the message is stored, on the thread that stored it: hand the notice on and return, never wait
     * for the push service. What cannot be delivered is the implementation's to retry or drop.
     */
    void notify(PushNotice notice);

    /**
     * {@code priority} is the message's, in FHIR's words ({@code routine} or {@code urgent}); {@code at} when it was
     * sent; {@code kind} why the recipient is told.
     */
    record PushNotice(UserId recipientId, ConversationId conversationId, MessageId messageId, String priority, Instant at,
                      Kind kind) {
        /** A notice of a new message. */
        public PushNotice(UserId recipientId, ConversationId conversationId, MessageId messageId, String priority, Instant at) {
            this(recipientId, conversationId, messageId, priority, at, Kind.MESSAGE);
        }

        public PushNotice {
            java.util.Objects.requireNonNull(kind, "kind");
        }

        /** Why someone is told: a new message, an urgent one nobody acknowledged, or one escalated to them. */
        public enum Kind {
            MESSAGE("message"),
            URGENT_REMINDER("urgent_reminder"),
            URGENT_ESCALATION("urgent_escalation");

            private final String wireName;

            Kind(String wireName) {
                this.wireName = wireName;
            }

            public String wireName() {
                return wireName;
            }
        }
    }
}
