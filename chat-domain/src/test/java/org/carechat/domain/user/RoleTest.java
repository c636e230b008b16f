package org.carechat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void patient_is_a_patient_and_neither_clinician_nor_administrator() {
        assertThat(Role.PATIENT.isPatient()).isTrue();
        assertThat(Role.PATIENT.isClinician()).isFalse();
        assertThat(Role.PATIENT.administers()).isFalse();
    }

    @Test
    void doctor_nurse_and_midwife_are_clinicians_only() {
        for (Role role : new Role[] {Role.DOCTOR, Role.NURSE, Role.MIDWIFE}) {
            assertThat(role.isClinician()).as(role.name()).isTrue();
            assertThat(role.isPatient()).as(role.name()).isFalse();
            assertThat(role.administers()).as(role.name()).isFalse();
        }
    }

    @Test
    void admin_and_service_administer_and_are_neither_patient_nor_clinician() {
        for (Role role : new Role[] {Role.ADMIN, Role.SERVICE}) {
            assertThat(role.administers()).as(role.name()).isTrue();
            assertThat(role.isPatient()).as(role.name()).isFalse();
            assertThat(role.isClinician()).as(role.name()).isFalse();
        }
    }

    @Test
    void a_role_reads_as_its_name() {
        assertThat(Role.MIDWIFE).hasToString("midwife");
    }

    @Test
    void a_role_has_a_name_and_a_kind() {
        assertThatThrownBy(() -> new Role(" ", RoleKind.CLINICIAN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Role("doctor", null)).isInstanceOf(NullPointerException.class);
    }
}
