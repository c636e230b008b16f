package org.carechat.bootstrap.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carechat.application.Actor;
import org.carechat.application.CareChatCore;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.adapter.sqlite.SqliteSettings;
import org.carechat.adapter.sqlite.SqliteStore;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.CareRelationships;
import org.carechat.bootstrap.CareChat;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example, compiled and run, against a stand-in for a clinic's own systems. */
class EmbeddingExampleTest {

    /** What a clinic backend already has: its users and its appointments. */
    record ClinicUser(String displayName, String kind) {
    }

    record Appointment(String id, String patient, String clinician, Instant start, Instant end) {
    }

    static final class Users {
        private final Map<String, ClinicUser> byId = Map.of(
                "p1", new ClinicUser("Pat Doe", "PATIENT"), "d1", new ClinicUser("Dr. Ada Smith", "DOCTOR"),
                "d2", new ClinicUser("Dr. Ben Okafor", "DOCTOR"));

        Optional<ClinicUser> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    static final class Appointments {
        private final List<Appointment> all = List.of(new Appointment("apt-1", "p1", "d1",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2099-01-01T00:00:00Z")));

        Optional<Appointment> latest(String patient, String clinician) {
            return all.stream().filter(a -> a.patient().equals(patient) && a.clinician().equals(clinician)).findFirst();
        }

        List<Appointment> of(String user) {
            return all.stream().filter(a -> a.patient().equals(user) || a.clinician().equals(user)).toList();
        }
    }

    private final Users users = new Users();
    private final Appointments appointments = new Appointments();

    @Test
    void a_clinic_backend_plugs_in_its_directory_and_appointments_and_the_care_rule_follows_them() {
        // --- the README example, verbatim ---
        CareChatCore chat = CareChat.builder()
                .directory(id -> users.find(id.value())
                        .map(u -> new User(id, u.displayName(), u.kind().equals("DOCTOR") ? Role.DOCTOR : Role.PATIENT, null)))
                .careRelationships(new CareRelationships() {
                    public Optional<CareRelationship> between(UserId patient, UserId clinician) {
                        return appointments.latest(patient.value(), clinician.value())
                                .map(a -> new CareRelationship(patient, clinician, a.id(), a.start(), a.end(), null));
                    }
                    public List<CareRelationship> involving(UserId user) {
                        return appointments.of(user.value()).stream()
                                .map(a -> new CareRelationship(UserId.of(a.patient()), UserId.of(a.clinician()), a.id(), a.start(), a.end(), null))
                                .toList();
                    }
                })
                .build();

        Result<Sent> sent = chat.sendMessage().send(new SendMessage(Actor.of(UserId.of("p1"), Role.PATIENT),
                null, UserId.of("d1"), MessageType.TEXT, "Hello doctor!", null, null, "retry-key-1"));
        // --- end of the example ---

        assertThat(sent.isOk()).as(() -> sent.toString()).isTrue();
        assertThat(sent.orThrow().message().message().seq()).isEqualTo(1);

        Result<Sent> toAnotherDoctor = chat.sendMessage().send(new SendMessage(Actor.of(UserId.of("p1"), Role.PATIENT),
                null, UserId.of("d2"), MessageType.TEXT, "Hello?", null, null, null));
        assertThat(toAnotherDoctor.failure().kind()).as("no appointment with d2").isEqualTo(FailureKind.FORBIDDEN);
    }

    @Test
    void a_store_of_ones_own_commits_through_its_changes_and_a_mix_without_them_is_refused(@TempDir Path dir) {
        try (SqliteStore store = SqliteStore.open(SqliteSettings.of(dir.resolve("chat.db")))) {
            assertThatThrownBy(() -> CareChat.builder().conversations(store.conversations()).messages(store.messages())
                    .auditTrail(store.auditTrail()).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("changes(");

            store.directory().save(new User(UserId.of("p1"), "Pat", Role.PATIENT, null));
            store.directory().save(new User(UserId.of("d1"), "Dr. Ada", Role.DOCTOR, null));
            store.careRelationships().save(CareRelationship.open(UserId.of("p1"), UserId.of("d1"), Instant.now()));
            CareChatCore chat = CareChat.builder().conversations(store.conversations()).messages(store.messages())
                    .auditTrail(store.auditTrail()).directory(store.directory()).careRelationships(store.careRelationships())
                    .changes(store.changes()).build();

            Sent sent = chat.sendMessage().send(new SendMessage(Actor.of(UserId.of("p1"), Role.PATIENT), null,
                    UserId.of("d1"), MessageType.TEXT, "Hello doctor!", null, null, null)).orThrow();

            assertThat(store.messages().find(sent.message().message().id())).isPresent();
            assertThat(store.conversations().find(sent.message().message().conversationId()).orElseThrow().lastSeq())
                    .isEqualTo(1);
            assertThat(store.auditTrail().query(new AuditTrail.AuditQuery(UserId.of("p1"), null, null, null, 10)))
                    .extracting(entry -> entry.action().name()).containsExactly("MESSAGE_SEND");
        }
    }
}
