package org.carechat.domain.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import org.carechat.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void by_default_messages_are_kept_forever_and_audit_entries_at_least_six_years() {
        RetentionPolicy standard = RetentionPolicy.standard();

        assertThat(standard.messages()).isNull();
        assertThat(standard.messageCutoff(null, NOW)).isEmpty();
        assertThat(standard.audit()).isEqualTo(Duration.ofDays(2192));
        assertThat(standard.auditCutoff(NOW)).contains(NOW.minus(Duration.ofDays(2192)));
        // six calendar years back from any day is at most 2,192 days back
        assertThat(NOW.minus(standard.audit())).isBefore(NOW.atZone(java.time.ZoneOffset.UTC).minusYears(6).toInstant()
                .plusSeconds(1));
    }

    @Test
    void a_conversation_of_its_own_overrides_the_deployment_shorter_or_longer_and_even_when_it_keeps_forever() {
        RetentionPolicy twoYears = new RetentionPolicy(Duration.ofDays(730), null);

        assertThat(twoYears.messageCutoff(null, NOW)).contains(NOW.minus(Duration.ofDays(730)));
        assertThat(twoYears.messageCutoff(Duration.ofDays(30), NOW)).contains(NOW.minus(Duration.ofDays(30)));
        assertThat(twoYears.messageCutoff(Duration.ofDays(3650), NOW)).contains(NOW.minus(Duration.ofDays(3650)));
        assertThat(RetentionPolicy.standard().messageCutoff(Duration.ofDays(30), NOW)).contains(NOW.minus(Duration.ofDays(30)));
        assertThat(twoYears.auditCutoff(NOW)).isEmpty();
    }

    @Test
    void periods_are_positive_and_a_conversation_takes_whole_days_within_a_century() {
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(null, Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ofMinutes(6), null)).as("never minutes")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ofHours(36), null)).as("whole days")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(null, Duration.ofDays(364))).as("a year of audit at least")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RetentionPolicy(Duration.ofDays(1), RetentionPolicy.MIN_AUDIT).audit()).isEqualTo(Duration.ofDays(365));
        assertThat(RetentionPolicy.requireDays(1)).isEqualTo(Duration.ofDays(1));
        assertThat(RetentionPolicy.requireDays(36_500)).isEqualTo(Duration.ofDays(36_500));
        assertRefused(() -> RetentionPolicy.requireDays(0), FailureKind.INVALID);
        assertRefused(() -> RetentionPolicy.requireDays(36_501), FailureKind.INVALID);
        assertRefused(() -> RetentionPolicy.requireDays(null), FailureKind.INVALID);
    }
}
