package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

final class UrgentFollowUpTest {
    private static final Instant SENT = Instant.parse("2026-12-01T08:00:00Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private final UrgentFollowUp.Policy policy = new UrgentFollowUp.Policy(Duration.ofMinutes(5), Duration.ofMinutes(10));

    private static Message urgent() {
        return new Message(MessageId.of("m1"), ConversationId.of("c1"), 1, PATIENT, MessageType.TEXT, "help", null, null,
                null, SENT, null, false, Reactions.NONE, null, MessagePriority.URGENT, Map.of());
    }

    @Test
    void the_reminder_is_due_after_the_first_interval_and_the_escalation_after_the_second() {
        Message sent = urgent();
        assertThat(policy.dueFor(sent, SENT.plusSeconds(299))).isEmpty();
        assertThat(policy.dueFor(sent, SENT.plusSeconds(300))).contains(UrgentFollowUp.REMINDED);

        Message reminded = sent.followedUp(UrgentFollowUp.REMINDED);
        assertThat(policy.dueFor(reminded, SENT.plusSeconds(899))).isEmpty();
        assertThat(policy.dueFor(reminded, SENT.plusSeconds(900))).contains(UrgentFollowUp.ESCALATED);

        Message escalated = reminded.followedUp(UrgentFollowUp.ESCALATED);
        assertThat(policy.dueFor(escalated, SENT.plusSeconds(100_000))).isEmpty();
        assertThat(policy.sentBeforeForNextStep(UrgentFollowUp.NONE, SENT.plusSeconds(300))).isEqualTo(SENT.plusMillis(1));
        assertThat(policy.sentBeforeForNextStep(UrgentFollowUp.REMINDED, SENT.plusSeconds(900))).isEqualTo(SENT.plusMillis(1));
    }

    @Test
    void an_acknowledged_routine_or_deleted_message_has_nothing_due() {
        Instant late = SENT.plus(Duration.ofHours(1));
        assertThat(policy.dueFor(urgent().acknowledge(DOCTOR, SENT.plusSeconds(1)), late)).isEmpty();
        assertThat(policy.dueFor(urgent().delete(PATIENT), late)).isEmpty();
        Message routine = new Message(MessageId.of("m2"), ConversationId.of("c1"), 2, PATIENT, MessageType.TEXT, "hi",
                null, null, null, SENT, null, false, Reactions.NONE, null);
        assertThat(policy.dueFor(routine, late)).isEmpty();
    }

    @Test
    void steps_go_forward_one_at_a_time_and_only_while_nobody_acknowledged() {
        assertThatThrownBy(() -> urgent().followedUp(UrgentFollowUp.ESCALATED)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> urgent().followedUp(UrgentFollowUp.REMINDED).followedUp(UrgentFollowUp.REMINDED))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> urgent().acknowledge(DOCTOR, SENT).followedUp(UrgentFollowUp.REMINDED))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> new Message(MessageId.of("m2"), ConversationId.of("c1"), 2, PATIENT, MessageType.TEXT,
                "hi", null, null, null, SENT, null, false, Reactions.NONE, null, MessagePriority.ROUTINE, Map.of(),
                UrgentFollowUp.REMINDED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_edit_keeps_the_step_reached_and_asks_for_a_new_acknowledgement() {
        Message reminded = urgent().followedUp(UrgentFollowUp.REMINDED);
        Message edited = reminded.edit(PATIENT, "help, worse", SENT.plusSeconds(400), Duration.ofMinutes(15));
        assertThat(edited.followUp()).isEqualTo(UrgentFollowUp.REMINDED);
        assertThat(edited.awaitsAcknowledgement()).isTrue();
    }

    @Test
    void it_looks_a_fifth_of_the_shorter_interval_apart_between_one_and_thirty_seconds() {
        assertThat(policy.checkEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new UrgentFollowUp.Policy(Duration.ofSeconds(50), Duration.ofMinutes(1)).checkEvery())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(new UrgentFollowUp.Policy(Duration.ofSeconds(2), Duration.ofSeconds(2)).checkEvery())
                .isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new UrgentFollowUp.Policy(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
