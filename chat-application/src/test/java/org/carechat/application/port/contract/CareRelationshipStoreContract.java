package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CareRelationshipStore} promises: one relationship per patient and clinician, found
 * in that direction only, listed for either person, and kept after it ended or was revoked.
 */
public abstract class CareRelationshipStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId OTHER_PATIENT = UserId.of("p2");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId NURSE = UserId.of("n1");

    /** A fresh, empty store for each test. */
    protected abstract CareRelationshipStore create();

    @Test
    void between_is_empty_when_there_never_was_a_relationship() {
        CareRelationshipStore store = create();

        assertThat(store.between(PATIENT, DOCTOR)).isEmpty();
        assertThat(store.involving(PATIENT)).isEmpty();
    }

    @Test
    void saved_relationship_round_trips_every_field() {
        CareRelationshipStore store = create();
        CareRelationship relationship = new CareRelationship(PATIENT, DOCTOR, "appt-2026/11 #42", T0,
                T0.plusSeconds(86_400).plusMillis(1), T0.plusSeconds(3_600).plusMillis(999));

        store.save(relationship);

        assertThat(store.between(PATIENT, DOCTOR)).contains(relationship);
        assertThat(store.involving(PATIENT)).containsExactly(relationship);
    }

    @Test
    void open_ended_relationship_round_trips_without_end_or_appointment() {
        CareRelationshipStore store = create();
        CareRelationship relationship = CareRelationship.open(PATIENT, DOCTOR, T0);

        store.save(relationship);

        CareRelationship found = store.between(PATIENT, DOCTOR).orElseThrow();
        assertThat(found).isEqualTo(relationship);
        assertThat(found.appointmentId()).isNull();
        assertThat(found.validUntil()).isNull();
        assertThat(found.revokedAt()).isNull();
    }

    @Test
    void between_is_directional_patient_then_clinician() {
        CareRelationshipStore store = create();
        store.save(CareRelationship.open(PATIENT, DOCTOR, T0));

        assertThat(store.between(PATIENT, DOCTOR)).isPresent();
        assertThat(store.between(DOCTOR, PATIENT)).isEmpty();
        assertThat(store.between(PATIENT, NURSE)).isEmpty();
        assertThat(store.between(OTHER_PATIENT, DOCTOR)).isEmpty();
    }

    @Test
    void save_replaces_the_relationship_of_the_same_patient_and_clinician() {
        CareRelationshipStore store = create();
        CareRelationship first = new CareRelationship(PATIENT, DOCTOR, "appt-1", T0, T0.plusSeconds(60), null);
        store.save(first);
        CareRelationship renewed = first.renewed("appt-2", T0.plusSeconds(120), T0.plusSeconds(3_600));

        store.save(renewed);

        assertThat(store.between(PATIENT, DOCTOR)).contains(renewed);
        assertThat(store.involving(PATIENT)).containsExactly(renewed);
        assertThat(store.involving(DOCTOR)).containsExactly(renewed);
    }

    @Test
    void revoked_and_ended_relationships_are_still_returned() {
        CareRelationshipStore store = create();
        CareRelationship revoked = CareRelationship.open(PATIENT, DOCTOR, T0).revoked(T0.plusSeconds(10));
        CareRelationship ended = new CareRelationship(PATIENT, NURSE, null, T0.minusSeconds(7_200),
                T0.minusSeconds(3_600), null);
        store.save(revoked);
        store.save(ended);

        assertThat(store.between(PATIENT, DOCTOR)).contains(revoked);
        assertThat(store.between(PATIENT, NURSE)).contains(ended);
        assertThat(store.involving(PATIENT)).containsExactlyInAnyOrder(revoked, ended);
    }

    @Test
    void involving_lists_every_relationship_where_the_user_is_patient_or_clinician() {
        CareRelationshipStore store = create();
        CareRelationship p1d1 = CareRelationship.open(PATIENT, DOCTOR, T0);
        CareRelationship p1n1 = CareRelationship.open(PATIENT, NURSE, T0.plusSeconds(1));
        CareRelationship p2d1 = CareRelationship.open(OTHER_PATIENT, DOCTOR, T0.plusSeconds(2));
        CareRelationship nurseAsPatient = CareRelationship.open(NURSE, DOCTOR, T0.plusSeconds(3));
        store.save(p1d1);
        store.save(p1n1);
        store.save(p2d1);
        store.save(nurseAsPatient);

        assertThat(store.involving(PATIENT)).containsExactlyInAnyOrder(p1d1, p1n1);
        assertThat(store.involving(DOCTOR)).containsExactlyInAnyOrder(p1d1, p2d1, nurseAsPatient);
        assertThat(store.involving(NURSE)).containsExactlyInAnyOrder(p1n1, nurseAsPatient);
        assertThat(store.involving(OTHER_PATIENT)).containsExactly(p2d1);
        assertThat(store.involving(UserId.of("nobody"))).isEmpty();
    }
}
