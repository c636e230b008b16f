package org.carechat.domain.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far an urgent message that no recipient has acknowledged has been followed up: not yet ({@link #NONE}), its
 * recipients told again ({@link #REMINDED}), or handed on to the conversation's escalation contacts
 * ({@link #ESCALATED}, the last step). A routine message is never followed up.
 */
public enum UrgentFollowUp {
    NONE,
    REMINDED,
    ESCALATED;

    /**
     * When the steps are due: the reminder {@code remindAfter} after the message was sent, the escalation
     * {@code escalateAfter} after that.
     */
    public record Policy(Duration remindAfter, Duration escalateAfter) {
        public static final Duration DEFAULT_REMIND_AFTER = Duration.ofMinutes(5);
        public static final Duration DEFAULT_ESCALATE_AFTER = Duration.ofMinutes(5);
        /** The longest pause between two looks for due steps, however long the intervals are. */
        static final Duration LONGEST_CHECK = Duration.ofSeconds(30);
        static final Duration SHORTEST_CHECK = Duration.ofSeconds(1);

        public Policy {
            if (remindAfter == null || remindAfter.isNegative() || remindAfter.isZero()
                    || escalateAfter == null || escalateAfter.isNegative() || escalateAfter.isZero()) {
                throw new IllegalArgumentException("the reminder and escalation intervals must be positive");
            }
        }

        public static Policy standard() {
            return new Policy(DEFAULT_REMIND_AFTER, DEFAULT_ESCALATE_AFTER);
        }

        /** The step due for {@code message} at {@code now}, if one is: never for one acknowledged, routine or deleted. */
        public Optional<UrgentFollowUp> dueFor(Message message, Instant now) {
            if (!message.awaitsAcknowledgement()) {
                return Optional.empty();
            }
            Instant remindAt = message.createdAt().plus(remindAfter);
            return switch (message.followUp()) {
                case NONE -> now.isBefore(remindAt) ? Optional.empty() : Optional.of(REMINDED);
                case REMINDED -> now.isBefore(remindAt.plus(escalateAfter)) ? Optional.empty() : Optional.of(ESCALATED);
                case ESCALATED -> Optional.empty();
            };
        }

        /**
         * Messages at step {@code reached} sent before this instant have their next step due at {@code now}; later
         * ones do not. It is a millisecond past the last such sending time, the precision stores keep.
         */
        public Instant sentBeforeForNextStep(UrgentFollowUp reached, Instant now) {
            Instant last = switch (reached) {
                case NONE -> now.minus(remindAfter);
                case REMINDED -> now.minus(remindAfter).minus(escalateAfter);
                case ESCALATED -> throw new IllegalArgumentException("escalation is the last step");
            };
            return last.plusMillis(1);
        }

        /**
         * How often to look for due steps: a fifth of the shorter interval, so a step is at most that late, between
         * one and thirty seconds.
         */
        public Duration checkEvery() {
            Duration fifth = (remindAfter.compareTo(escalateAfter) <= 0 ? remindAfter : escalateAfter).dividedBy(5);
            if (fifth.compareTo(SHORTEST_CHECK) < 0) {
                return SHORTEST_CHECK;
            }
            return fifth.compareTo(LONGEST_CHECK) > 0 ? LONGEST_CHECK : fifth;
        }
    }
}
