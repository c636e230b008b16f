package org.carechat.domain.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.time.Instant;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class LegalHoldTest {
    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
    private static final UserId ADMIN = UserId.of("admin");
    private static final Conversation WITH_P1 = Conversation.direct(ConversationId.of("c_1"), UserId.of("p1"),
            UserId.of("d1"), AT);
    private static final Conversation WITH_P2 = Conversation.direct(ConversationId.of("c_2"), UserId.of("p2"),
            UserId.of("d1"), AT);

    private static LegalHold on(LegalHold.Kind kind, String target) {
        return new LegalHold("h_1", kind, target, "litigation 2030-17", ADMIN, AT, null, null);
    }

    @Test
    void a_hold_on_a_patient_covers_each_of_their_conversations_and_one_on_a_conversation_that_one() {
        LegalHold patient = on(LegalHold.Kind.PATIENT, "p1");
        LegalHold conversation = on(LegalHold.Kind.CONVERSATION, "c_2");

        assertThat(patient.covers(WITH_P1)).isTrue();
        assertThat(patient.covers(WITH_P2)).isFalse();
        assertThat(conversation.covers(WITH_P2)).isTrue();
        assertThat(conversation.covers(WITH_P1)).isFalse();
    }

    @Test
    void a_lifted_hold_covers_nothing_and_is_lifted_once() {
        LegalHold lifted = on(LegalHold.Kind.PATIENT, "p1").lift(ADMIN, AT.plusSeconds(60));

        assertThat(lifted.active()).isFalse();
        assertThat(lifted.liftedAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(lifted.covers(WITH_P1)).isFalse();
        assertRefused(() -> lifted.lift(ADMIN, AT.plusSeconds(120)), FailureKind.CONFLICT);
        assertThatThrownBy(() -> new LegalHold("h_1", LegalHold.Kind.PATIENT, "p1", "r", ADMIN, AT, ADMIN, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_hold_needs_a_reason_of_at_most_500_characters() {
        assertThat(LegalHold.requireReason("  subpoena 12  ")).isEqualTo("subpoena 12");
        assertThat(LegalHold.requireReason("x".repeat(500))).hasSize(500);
        assertRefused(() -> LegalHold.requireReason("x".repeat(501)), FailureKind.INVALID);
        assertRefused(() -> LegalHold.requireReason("   "), FailureKind.INVALID);
        assertRefused(() -> LegalHold.requireReason(null), FailureKind.INVALID);
        assertRefused(() -> LegalHold.requireReason("bad \uD800"), FailureKind.INVALID);
    }
}
