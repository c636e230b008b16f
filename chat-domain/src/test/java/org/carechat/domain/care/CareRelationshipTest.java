package org.carechat.domain.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class CareRelationshipTest {
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId STRANGER = UserId.of("x1");
    private static final Instant FROM = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-01T08:00:00Z");

    private final CareRelationship bounded = new CareRelationship(PATIENT, DOCTOR, "apt-1", FROM, UNTIL, null);

    @Test
    void is_not_active_before_valid_from() {
        assertThat(bounded.isActiveAt(FROM.minusNanos(1))).isFalse();
    }

    @Test
    void is_active_from_valid_from_inclusive() {
        assertThat(bounded.isActiveAt(FROM)).isTrue();
    }

    @Test
    void is_active_until_just_before_valid_until() {
        assertThat(bounded.isActiveAt(UNTIL.minusNanos(1))).isTrue();
    }

    @Test
    void is_not_active_at_valid_until_because_the_end_is_exclusive() {
        assertThat(bounded.isActiveAt(UNTIL)).isFalse();
        assertThat(bounded.isActiveAt(UNTIL.plusSeconds(1))).isFalse();
    }

    @Test
    void open_relationship_has_no_end_and_no_appointment() {
        CareRelationship open = CareRelationship.open(PATIENT, DOCTOR, FROM);

        assertThat(open.validUntil()).isNull();
        assertThat(open.appointmentId()).isNull();
        assertThat(open.revokedAt()).isNull();
        assertThat(open.isActiveAt(FROM.minusNanos(1))).isFalse();
        assertThat(open.isActiveAt(Instant.parse("2099-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void revoked_relationship_is_not_active_any_more() {
        CareRelationship revoked = bounded.revoked(FROM.plusSeconds(60));

        assertThat(revoked.revokedAt()).isEqualTo(FROM.plusSeconds(60));
        assertThat(revoked.isActiveAt(FROM.plusSeconds(120))).isFalse();
    }

    @Test
    void revoking_again_keeps_the_first_revocation_time() {
        Instant first = FROM.plusSeconds(60);
        CareRelationship revoked = bounded.revoked(first);

        CareRelationship revokedAgain = revoked.revoked(first.plusSeconds(3600));

        assertThat(revokedAgain.revokedAt()).isEqualTo(first);
        assertThat(revokedAgain).isSameAs(revoked);
    }

    @Test
    void revoking_keeps_the_period_and_the_appointment() {
        CareRelationship revoked = bounded.revoked(FROM.plusSeconds(60));

        assertThat(revoked.appointmentId()).isEqualTo("apt-1");
        assertThat(revoked.validFrom()).isEqualTo(FROM);
        assertThat(revoked.validUntil()).isEqualTo(UNTIL);
    }

    @Test
    void renewal_clears_the_revocation_and_takes_the_new_period_and_appointment() {
        Instant newFrom = UNTIL.plusSeconds(3600);
        Instant newUntil = newFrom.plusSeconds(86_400);
        CareRelationship revoked = bounded.revoked(FROM.plusSeconds(60));

        CareRelationship renewed = revoked.renewed("apt-2", newFrom, newUntil);

        assertThat(renewed.revokedAt()).isNull();
        assertThat(renewed.appointmentId()).isEqualTo("apt-2");
        assertThat(renewed.validFrom()).isEqualTo(newFrom);
        assertThat(renewed.validUntil()).isEqualTo(newUntil);
        assertThat(renewed.patient()).isEqualTo(PATIENT);
        assertThat(renewed.clinician()).isEqualTo(DOCTOR);
        assertThat(renewed.isActiveAt(newFrom)).isTrue();
    }

    @Test
    void renewal_may_make_the_relationship_open_ended() {
        CareRelationship renewed = bounded.renewed(null, FROM, null);

        assertThat(renewed.validUntil()).isNull();
        assertThat(renewed.isActiveAt(UNTIL.plusSeconds(1))).isTrue();
    }

    @Test
    void renewal_with_an_end_not_after_its_start_is_refused() {
        assertThatThrownBy(() -> bounded.renewed("apt-2", UNTIL, UNTIL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void counterpart_of_the_patient_is_the_clinician_and_vice_versa() {
        assertThat(bounded.counterpartOf(PATIENT)).isEqualTo(DOCTOR);
        assertThat(bounded.counterpartOf(DOCTOR)).isEqualTo(PATIENT);
    }

    @Test
    void a_stranger_has_no_counterpart() {
        assertThatThrownBy(() -> bounded.counterpartOf(STRANGER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void involves_only_its_patient_and_its_clinician() {
        assertThat(bounded.involves(PATIENT)).isTrue();
        assertThat(bounded.involves(DOCTOR)).isTrue();
        assertThat(bounded.involves(STRANGER)).isFalse();
    }

    @Test
    void valid_until_must_be_after_valid_from() {
        assertThatThrownBy(() -> new CareRelationship(PATIENT, DOCTOR, null, FROM, FROM, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CareRelationship(PATIENT, DOCTOR, null, FROM, FROM.minusSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valid_until_one_nanosecond_after_valid_from_is_accepted() {
        CareRelationship shortest = new CareRelationship(PATIENT, DOCTOR, null, FROM, FROM.plusNanos(1), null);

        assertThat(shortest.isActiveAt(FROM)).isTrue();
        assertThat(shortest.isActiveAt(FROM.plusNanos(1))).isFalse();
    }

    @Test
    void a_relationship_links_two_different_people() {
        assertThatThrownBy(() -> CareRelationship.open(PATIENT, PATIENT, FROM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patient_clinician_and_start_are_required() {
        assertThatThrownBy(() -> CareRelationship.open(null, DOCTOR, FROM)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CareRelationship.open(PATIENT, null, FROM)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CareRelationship.open(PATIENT, DOCTOR, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void appointment_id_is_absent_or_one_to_128_characters() {
        assertThat(new CareRelationship(PATIENT, DOCTOR, "a".repeat(128), FROM, null, null).appointmentId()).hasSize(128);
        assertThatThrownBy(() -> new CareRelationship(PATIENT, DOCTOR, "a".repeat(129), FROM, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CareRelationship(PATIENT, DOCTOR, "  ", FROM, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
