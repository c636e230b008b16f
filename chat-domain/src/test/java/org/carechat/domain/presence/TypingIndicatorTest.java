package org.carechat.domain.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class TypingIndicatorTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final TypingIndicator typing =
            TypingIndicator.started(ConversationId.of("c_1"), UserId.of("p1"), T0, TypingIndicator.DEFAULT_TTL);

    @Test
    void typing_expires_six_seconds_after_it_started_by_default() {
        assertThat(TypingIndicator.DEFAULT_TTL).isEqualTo(Duration.ofSeconds(6));
        assertThat(typing.expiresAt()).isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void typing_is_live_until_just_before_it_expires() {
        assertThat(typing.isExpiredAt(T0)).isFalse();
        assertThat(typing.isExpiredAt(T0.plusSeconds(6).minusNanos(1))).isFalse();
    }

    @Test
    void typing_has_expired_at_its_expiry_and_after() {
        assertThat(typing.isExpiredAt(T0.plusSeconds(6))).isTrue();
        assertThat(typing.isExpiredAt(T0.plusSeconds(60))).isTrue();
    }

    @Test
    void renewing_typing_pushes_its_expiry_back() {
        TypingIndicator renewed = TypingIndicator.started(typing.conversationId(), typing.user(), T0.plusSeconds(4),
                TypingIndicator.DEFAULT_TTL);

        assertThat(renewed.isExpiredAt(T0.plusSeconds(6))).isFalse();
        assertThat(renewed.isExpiredAt(T0.plusSeconds(10))).isTrue();
    }
}
