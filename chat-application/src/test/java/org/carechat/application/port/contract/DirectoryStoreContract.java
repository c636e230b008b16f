package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.carechat.application.port.DirectoryStore;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.RoleKind;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** What every {@link DirectoryStore} promises: entries found by id, a save replacing the entry of the same id. */
public abstract class DirectoryStoreContract {
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId PATIENT = UserId.of("p1");

    /** A fresh, empty store for each test. */
    protected abstract DirectoryStore create();

    @Test
    void find_of_an_unknown_user_is_empty() {
        DirectoryStore directory = create();

        assertThat(directory.find(DOCTOR)).isEmpty();
    }

    @Test
    void saved_entry_round_trips_every_field() {
        DirectoryStore directory = create();
        User doctor = new User(DOCTOR, "Dr. Ada Smith-Ünal 👩‍⚕️", Role.DOCTOR, "cardiology");
        User patient = new User(PATIENT, "Jo", Role.PATIENT, null);

        directory.save(doctor);
        directory.save(patient);

        assertThat(directory.find(DOCTOR)).contains(doctor);
        assertThat(directory.find(PATIENT)).contains(patient);
        assertThat(directory.find(PATIENT).orElseThrow().specialty()).isNull();
    }

    @Test
    void a_clinician_role_the_installation_added_round_trips_with_its_kind() {
        DirectoryStore directory = create();
        User physio = new User(UserId.of("t1"), "Sam Physio", new Role("physiotherapist", RoleKind.CLINICIAN), null);
        User service = new User(UserId.of("svc"), "Clinic backend", Role.SERVICE, null);

        directory.save(physio);
        directory.save(service);

        assertThat(directory.find(physio.id())).contains(physio);
        assertThat(directory.find(physio.id()).orElseThrow().role().kind()).isEqualTo(RoleKind.CLINICIAN);
        assertThat(directory.find(service.id())).contains(service);
    }

    @Test
    void save_replaces_the_entry_with_the_same_id() {
        DirectoryStore directory = create();
        directory.save(new User(DOCTOR, "Dr. Ada Smith", Role.DOCTOR, "cardiology"));
        User renamed = new User(DOCTOR, "Dr. Ada Jones", Role.NURSE, null);

        directory.save(renamed);

        assertThat(directory.find(DOCTOR)).contains(renamed);
        assertThat(directory.find(PATIENT)).isEmpty();
    }
}
