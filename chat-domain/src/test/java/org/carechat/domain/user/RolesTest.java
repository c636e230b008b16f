package org.carechat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolesTest {
    private final Roles standard = Roles.standard();

    @Test
    void standard_roles_are_patient_three_clinicians_admin_and_service() {
        assertThat(standard.names()).containsExactlyInAnyOrder("patient", "doctor", "nurse", "midwife", "admin", "service");
        assertThat(standard.named("patient")).contains(Role.PATIENT);
        assertThat(standard.named("doctor")).contains(Role.DOCTOR);
        assertThat(standard.named("nurse")).contains(Role.NURSE);
        assertThat(standard.named("midwife")).contains(Role.MIDWIFE);
        assertThat(standard.named("admin")).contains(Role.ADMIN);
        assertThat(standard.named("service")).contains(Role.SERVICE);
    }

    @Test
    void standard_doctor_nurse_and_midwife_are_clinicians() {
        assertThat(standard.named("doctor").orElseThrow().isClinician()).isTrue();
        assertThat(standard.named("nurse").orElseThrow().isClinician()).isTrue();
        assertThat(standard.named("midwife").orElseThrow().isClinician()).isTrue();
    }

    @Test
    void lookup_ignores_case_and_surrounding_spaces() {
        assertThat(standard.named("Doctor")).contains(Role.DOCTOR);
        assertThat(standard.named("NURSE")).contains(Role.NURSE);
        assertThat(standard.named("  patient ")).contains(Role.PATIENT);
        assertThat(standard.named("ADMIN")).contains(Role.ADMIN);
    }

    @Test
    void unknown_role_is_empty() {
        assertThat(standard.named("physiotherapist")).isEmpty();
        assertThat(standard.named("")).isEmpty();
        assertThat(standard.named("   ")).isEmpty();
        assertThat(standard.named(null)).isEmpty();
    }

    @Test
    void configured_physiotherapist_becomes_a_clinician() {
        Roles roles = Roles.withClinicians(Set.of("physiotherapist", "doctor"));

        Role physio = roles.named("Physiotherapist").orElseThrow();

        assertThat(physio.name()).isEqualTo("physiotherapist");
        assertThat(physio.kind()).isEqualTo(RoleKind.CLINICIAN);
        assertThat(physio.isClinician()).isTrue();
        assertThat(roles.named("doctor")).contains(Role.DOCTOR);
    }

    @Test
    void configured_clinician_names_replace_the_default_ones() {
        Roles roles = Roles.withClinicians(Set.of("physiotherapist"));

        assertThat(roles.named("nurse")).isEmpty();
        assertThat(roles.names()).containsExactlyInAnyOrder("patient", "physiotherapist", "admin", "service");
    }

    @Test
    void configured_clinician_names_are_normalised_to_lower_case() {
        Roles roles = Roles.withClinicians(Set.of("  Psychologist "));

        assertThat(roles.named("psychologist").orElseThrow().name()).isEqualTo("psychologist");
    }

    @Test
    void patient_admin_and_service_stay_fixed_whatever_the_clinicians() {
        Roles roles = Roles.withClinicians(Set.of("therapist"));

        assertThat(roles.named("patient")).contains(Role.PATIENT);
        assertThat(roles.named("admin")).contains(Role.ADMIN);
        assertThat(roles.named("service")).contains(Role.SERVICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "service", "patient", "Admin", " SERVICE ", "Patient", "", "   "})
    void a_reserved_or_blank_name_cannot_be_a_clinician_role(String name) {
        assertThatThrownBy(() -> Roles.withClinicians(Set.of(name))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void two_spellings_of_the_same_clinician_role_are_refused() {
        assertThatThrownBy(() -> Roles.withClinicians(Set.of("Doctor", "doctor")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void at_least_one_clinician_role_is_needed() {
        assertThatThrownBy(() -> Roles.withClinicians(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_known_names_cannot_be_changed_from_outside() {
        assertThatThrownBy(() -> standard.names().add("hacker")).isInstanceOf(UnsupportedOperationException.class);
    }
}
