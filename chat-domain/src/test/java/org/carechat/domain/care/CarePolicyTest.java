package org.carechat.domain.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.RoleKind;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class CarePolicyTest {
    private static final Instant FROM = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant DURING = Instant.parse("2026-11-15T12:00:00Z");

    private final User patient = user("p1", Role.PATIENT);
    private final User otherPatient = user("p2", Role.PATIENT);
    private final User doctor = user("d1", Role.DOCTOR);
    private final User otherDoctor = user("d2", Role.DOCTOR);
    private final User nurse = user("n1", Role.NURSE);
    private final User physiotherapist = user("ph1", new Role("physiotherapist", RoleKind.CLINICIAN));
    private final User admin = user("a1", Role.ADMIN);
    private final User service = user("s1", Role.SERVICE);

    private final CarePolicy policy = CarePolicy.standard();
    private final CareRelationship inCare = new CareRelationship(patient.id(), doctor.id(), "apt-1", FROM, UNTIL, null);

    private static User user(String id, Role role) {
        return new User(UserId.of(id), "Name of " + id, role, null);
    }

    private Decision decide(User from, User to, CareRelationship relationship, Instant now) {
        return policy.mayConverse(from, to, Optional.ofNullable(relationship), now);
    }

    @Test
    void patient_may_converse_with_a_doctor_while_the_care_relationship_is_active() {
        Decision decision = decide(patient, doctor, inCare, DURING);

        assertThat(decision).isInstanceOf(Decision.Allowed.class);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).isNotBlank();
    }

    @Test
    void doctor_may_converse_with_a_patient_while_the_care_relationship_is_active() {
        assertThat(decide(doctor, patient, inCare, DURING).allowed()).isTrue();
    }

    @Test
    void patient_cannot_converse_with_a_doctor_without_care_relationship() {
        Decision decision = decide(patient, doctor, null, DURING);

        assertThat(decision).isInstanceOf(Decision.Denied.class);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("no care relationship");
    }

    @Test
    void doctor_cannot_converse_with_a_patient_without_care_relationship() {
        assertThat(decide(doctor, patient, null, DURING).allowed()).isFalse();
    }

    @Test
    void relationship_is_not_active_before_it_starts_in_either_direction() {
        Instant justBefore = FROM.minusNanos(1);

        Decision fromPatient = decide(patient, doctor, inCare, justBefore);
        Decision fromDoctor = decide(doctor, patient, inCare, justBefore);

        assertThat(fromPatient.allowed()).isFalse();
        assertThat(fromPatient.reason()).isEqualTo("the care relationship is not active");
        assertThat(fromDoctor.allowed()).isFalse();
    }

    @Test
    void relationship_is_active_from_the_very_instant_it_starts() {
        assertThat(decide(patient, doctor, inCare, FROM).allowed()).isTrue();
    }

    @Test
    void relationship_is_active_until_just_before_its_end() {
        assertThat(decide(patient, doctor, inCare, UNTIL.minusNanos(1)).allowed()).isTrue();
    }

    @Test
    void relationship_end_is_exclusive_so_patient_and_doctor_cannot_converse_at_valid_until() {
        assertThat(decide(patient, doctor, inCare, UNTIL).allowed()).isFalse();
        assertThat(decide(doctor, patient, inCare, UNTIL).allowed()).isFalse();
    }

    @Test
    void patient_and_doctor_cannot_converse_after_the_relationship_ended() {
        Instant later = UNTIL.plus(Duration.ofDays(3));

        Decision fromPatient = decide(patient, doctor, inCare, later);
        Decision fromDoctor = decide(doctor, patient, inCare, later);

        assertThat(fromPatient.allowed()).isFalse();
        assertThat(fromPatient.reason()).isEqualTo("the care relationship is not active");
        assertThat(fromDoctor.allowed()).isFalse();
    }

    @Test
    void revoked_relationship_denies_both_directions_even_within_its_period() {
        CareRelationship revoked = inCare.revoked(DURING.minusSeconds(60));

        Decision fromPatient = decide(patient, doctor, revoked, DURING);
        Decision fromDoctor = decide(doctor, patient, revoked, DURING);

        assertThat(fromPatient.allowed()).isFalse();
        assertThat(fromPatient.reason()).isEqualTo("the care relationship is not active");
        assertThat(fromDoctor.allowed()).isFalse();
    }

    @Test
    void open_ended_relationship_stays_active_far_in_the_future() {
        CareRelationship open = CareRelationship.open(patient.id(), doctor.id(), FROM);

        assertThat(decide(patient, doctor, open, FROM.plus(Duration.ofDays(3650))).allowed()).isTrue();
    }

    @Test
    void renewed_relationship_allows_conversation_again_after_revocation() {
        CareRelationship renewed = inCare.revoked(DURING).renewed("apt-2", DURING, null);

        assertThat(decide(patient, doctor, renewed, DURING.plusSeconds(1)).allowed()).isTrue();
    }

    @Test
    void relationship_of_another_patient_is_ignored() {
        CareRelationship otherPatientsCare = new CareRelationship(otherPatient.id(), doctor.id(), null, FROM, null, null);

        Decision decision = decide(patient, doctor, otherPatientsCare, DURING);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("no care relationship");
    }

    @Test
    void relationship_with_another_clinician_is_ignored() {
        CareRelationship withNurse = new CareRelationship(patient.id(), nurse.id(), null, FROM, null, null);

        assertThat(decide(patient, doctor, withNurse, DURING).allowed()).isFalse();
        assertThat(decide(doctor, patient, withNurse, DURING).allowed()).isFalse();
    }

    @Test
    void relationship_naming_the_pair_the_wrong_way_round_is_ignored() {
        CareRelationship reversed = new CareRelationship(doctor.id(), patient.id(), null, FROM, null, null);

        assertThat(decide(patient, doctor, reversed, DURING).allowed()).isFalse();
    }

    @Test
    void configured_clinician_role_may_converse_with_its_patient() {
        CareRelationship withPhysio = CareRelationship.open(patient.id(), physiotherapist.id(), FROM);

        assertThat(decide(patient, physiotherapist, withPhysio, DURING).allowed()).isTrue();
        assertThat(decide(physiotherapist, patient, withPhysio, DURING).allowed()).isTrue();
    }

    @Test
    void two_patients_never_converse() {
        Decision decision = decide(patient, otherPatient, null, DURING);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("two patients never converse");
    }

    @Test
    void two_patients_never_converse_even_with_a_relationship_linking_them() {
        CareRelationship bogus = CareRelationship.open(patient.id(), otherPatient.id(), FROM);

        assertThat(decide(patient, otherPatient, bogus, DURING).allowed()).isFalse();
        assertThat(decide(otherPatient, patient, bogus, DURING).allowed()).isFalse();
    }

    @Test
    void admin_never_converses_even_with_a_relationship() {
        CareRelationship bogus = CareRelationship.open(patient.id(), admin.id(), FROM);

        Decision toAdmin = decide(patient, admin, bogus, DURING);
        Decision fromAdmin = decide(admin, patient, bogus, DURING);

        assertThat(toAdmin.allowed()).isFalse();
        assertThat(toAdmin.reason()).isEqualTo("administrators and services do not converse");
        assertThat(fromAdmin.allowed()).isFalse();
        assertThat(decide(admin, doctor, null, DURING).allowed()).isFalse();
        assertThat(decide(doctor, admin, null, DURING).allowed()).isFalse();
    }

    @Test
    void service_never_converses_even_with_a_relationship() {
        CareRelationship bogus = CareRelationship.open(patient.id(), service.id(), FROM);

        assertThat(decide(patient, service, bogus, DURING).allowed()).isFalse();
        assertThat(decide(service, patient, bogus, DURING).allowed()).isFalse();
        assertThat(decide(service, doctor, null, DURING).allowed()).isFalse();
        assertThat(decide(doctor, service, null, DURING).allowed()).isFalse();
    }

    @Test
    void admins_and_services_do_not_converse_with_each_other() {
        assertThat(decide(admin, service, null, DURING).allowed()).isFalse();
        assertThat(decide(service, admin, null, DURING).allowed()).isFalse();
        assertThat(decide(admin, user("a2", Role.ADMIN), null, DURING).allowed()).isFalse();
    }

    @Test
    void clinicians_consult_each_other_by_default_without_any_relationship() {
        Decision decision = decide(doctor, nurse, null, DURING);

        assertThat(policy.clinicianConsultsAllowed()).isTrue();
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).isEqualTo("care-team consult");
        assertThat(decide(nurse, doctor, null, DURING).allowed()).isTrue();
        assertThat(decide(doctor, otherDoctor, null, DURING).allowed()).isTrue();
        assertThat(decide(physiotherapist, doctor, null, DURING).allowed()).isTrue();
    }

    @Test
    void clinicians_cannot_consult_each_other_when_consults_are_configured_off() {
        CarePolicy noConsults = new CarePolicy(false);

        Decision decision = noConsults.mayConverse(doctor, nurse, Optional.empty(), DURING);

        assertThat(noConsults.clinicianConsultsAllowed()).isFalse();
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("clinician consults are disabled");
    }

    @Test
    void patient_and_clinician_still_converse_when_consults_are_configured_off() {
        CarePolicy noConsults = new CarePolicy(false);

        assertThat(noConsults.mayConverse(patient, doctor, Optional.of(inCare), DURING).allowed()).isTrue();
    }

    @Test
    void nobody_converses_with_themselves() {
        Decision doctorAlone = decide(doctor, doctor, null, DURING);

        assertThat(doctorAlone.allowed()).isFalse();
        assertThat(doctorAlone.reason()).isEqualTo("nobody converses with themselves");
        assertThat(decide(patient, patient, null, DURING).allowed()).isFalse();
    }

    @Test
    void the_same_id_is_the_same_person_even_with_another_directory_entry() {
        User renamedDoctor = new User(doctor.id(), "Dr. Renamed", Role.NURSE, "cardiology");

        assertThat(decide(doctor, renamedDoctor, null, DURING).allowed()).isFalse();
    }

    @Test
    void denied_decision_refuses_with_forbidden_and_its_reason() {
        Decision denied = decide(patient, otherPatient, null, DURING);

        ChatFailure failure = assertRefused(denied::orRefuse, FailureKind.FORBIDDEN);

        assertThat(failure).isEqualTo(new ChatFailure.Forbidden("two patients never converse"));
    }

    @Test
    void allowed_decision_does_not_refuse() {
        Decision allowed = decide(patient, doctor, inCare, DURING);

        assertThatCode(allowed::orRefuse).doesNotThrowAnyException();
    }

    // ---- sharing files: is there anyone the user may converse with now?

    @Test
    void a_patient_shares_files_only_while_a_care_relationship_with_a_clinician_is_active() {
        CareRelationship ended = inCare.revoked(DURING.minusSeconds(60));
        CareRelationship notStarted = new CareRelationship(patient.id(), doctor.id(), null, UNTIL, null, null);

        assertThat(policy.mayShare(patient, List.of(inCare), DURING).allowed()).isTrue();
        assertThat(policy.mayShare(patient, List.of(inCare), UNTIL).allowed()).as("expired").isFalse();
        assertThat(policy.mayShare(patient, List.of(ended), DURING).allowed()).as("revoked").isFalse();
        assertThat(policy.mayShare(patient, List.of(notStarted), DURING).allowed()).as("not started yet").isFalse();
        assertThat(policy.mayShare(patient, List.of(), DURING))
                .isEqualTo(new Decision.Denied("no active care relationship"));
        assertThat(policy.mayShare(patient, List.of(ended, inCare), DURING).allowed()).as("one active is enough").isTrue();
    }

    @Test
    void a_patient_shares_nothing_through_someone_elses_relationship() {
        assertThat(policy.mayShare(otherPatient, List.of(inCare), DURING).allowed()).isFalse();
    }

    @Test
    void a_clinician_shares_files_with_consults_allowed_or_while_in_care_with_a_patient() {
        CarePolicy noConsults = new CarePolicy(false);

        assertThat(policy.mayShare(otherDoctor, List.of(), DURING))
                .as("consults allowed: a colleague may be addressed").isEqualTo(new Decision.Allowed("care-team consult"));
        assertThat(noConsults.mayShare(doctor, List.of(inCare), DURING).allowed()).isTrue();
        assertThat(noConsults.mayShare(doctor, List.of(inCare), UNTIL).allowed()).isFalse();
        assertThat(noConsults.mayShare(otherDoctor, List.of(inCare), DURING).allowed()).isFalse();
        assertThat(noConsults.mayShare(nurse, List.of(), DURING)).isEqualTo(new Decision.Denied("no active care relationship"));
    }

    @Test
    void admins_and_services_never_share_files() {
        assertThat(policy.mayShare(admin, List.of(), DURING).allowed()).isFalse();
        assertThat(policy.mayShare(service, List.of(), DURING).allowed()).isFalse();
    }
}
