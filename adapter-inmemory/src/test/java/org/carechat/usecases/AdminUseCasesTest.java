package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.QueryAuditUseCase.QueryAudit;
import org.carechat.application.admin.RevokeCareRelationshipUseCase.RevokeCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.RoleKind;
import org.carechat.domain.user.Roles;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The directory, care relationships and audit trail: for admins and services only, with validated input. */
final class AdminUseCasesTest {
    private final ChatFixture fx = ChatFixture.create();

    @Test
    void admin_use_cases_refuse_everyone_but_admins_and_services() {
        int relationshipsOfCarol = fx.relationships.involving(fx.carol.id()).size();
        for (Actor caller : List.of(fx.alice, fx.ada, fx.nora)) {
            assertThat(failure(fx.core.upsertUser().upsert(new UpsertUser(caller, caller.id(), "Promoted", "admin", null)))
                    .kind()).isEqualTo(FailureKind.FORBIDDEN);
            assertThat(failure(fx.core.openCareRelationship().open(new OpenCareRelationship(caller, fx.carol.id(),
                    fx.ada.id(), null, null, null))).kind()).isEqualTo(FailureKind.FORBIDDEN);
            assertThat(failure(fx.core.revokeCareRelationship().revoke(new RevokeCareRelationship(caller, fx.alice.id(),
                    fx.ada.id()))).kind()).isEqualTo(FailureKind.FORBIDDEN);
            assertThat(failure(fx.core.queryAudit().query(new QueryAudit(caller, null, null, null, null, null))).kind())
                    .isEqualTo(FailureKind.FORBIDDEN);
        }
        assertThat(fx.directory.find(fx.ada.id()).orElseThrow().role()).isEqualTo(Role.DOCTOR);
        assertThat(fx.relationships.involving(fx.carol.id())).hasSize(relationshipsOfCarol);
        assertThat(fx.relationships.between(fx.alice.id(), fx.ada.id()).orElseThrow().isActiveAt(fx.time.instant())).isTrue();
        List<AuditEntry> refused = fx.audit().stream().filter(entry -> entry.outcome().equals("forbidden")).toList();
        assertThat(refused).hasSize(12);
        assertThat(refused).filteredOn(entry -> entry.action() == AuditAction.CARE_RELATIONSHIP_REVOKE)
                .allSatisfy(entry -> assertThat(entry.targets()).containsExactly("user:p_alice", "user:d_ada"));
    }

    @Test
    void a_service_manages_the_directory_and_the_relationships_like_an_admin() {
        User dan = ok(fx.core.upsertUser().upsert(new UpsertUser(fx.service, UserId.of("m_dana"), "  Dana Midwife ",
                "Midwife", " obstetrics ")));
        CareRelationship opened = ok(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.service,
                fx.carol.id(), dan.id(), "appt-9", null, null)));

        assertThat(dan.name()).isEqualTo("Dana Midwife");
        assertThat(dan.role()).isEqualTo(Role.MIDWIFE);
        assertThat(dan.role().kind()).isEqualTo(RoleKind.CLINICIAN);
        assertThat(dan.specialty()).isEqualTo("obstetrics");
        assertThat(fx.directory.find(dan.id())).contains(dan);
        assertThat(opened.validFrom()).isEqualTo(fx.time.instant());
        assertThat(opened.appointmentId()).isEqualTo("appt-9");
        assertThat(fx.trySendTo(fx.carol, dan.id(), "Hello midwife").isOk()).isTrue();
        assertThat(ok(fx.core.queryAudit().query(new QueryAudit(fx.service, null, null, null, null, 5)))).hasSize(5);
    }

    @Test
    void upserting_replaces_the_directory_entry() {
        ok(fx.core.upsertUser().upsert(new UpsertUser(fx.admin, fx.ada.id(), "Dr. Ada Smith-Jones", "doctor", "cardiology")));

        assertThat(fx.directory.find(fx.ada.id()).orElseThrow().name()).isEqualTo("Dr. Ada Smith-Jones");
    }

    @Test
    void upserting_validates_the_role_and_the_name() {
        assertInvalid(fx.core.upsertUser().upsert(new UpsertUser(fx.admin, UserId.of("x_1"), "Xavier", "surgeon", null)));
        assertInvalid(fx.core.upsertUser().upsert(new UpsertUser(fx.admin, UserId.of("x_1"), "Xavier", null, null)));
        assertInvalid(fx.core.upsertUser().upsert(new UpsertUser(fx.admin, UserId.of("x_1"), "   ", "doctor", null)));
        assertInvalid(fx.core.upsertUser().upsert(new UpsertUser(fx.admin, UserId.of("x_1"), "x".repeat(201), "doctor", null)));
        assertInvalid(fx.core.upsertUser().upsert(new UpsertUser(fx.admin, null, "Xavier", "doctor", null)));
        assertInvalid(fx.core.upsertUser().upsert(new UpsertUser(fx.admin, UserId.of("x_1"), "Xavier", "doctor", "s".repeat(201))));
        assertThat(fx.directory.find(UserId.of("x_1"))).isEmpty();
    }

    @Test
    void the_clinician_roles_come_from_the_settings() {
        ChatFixture withSurgeons = ChatFixture.create(settings -> settings.withRoles(
                Roles.withClinicians(Set.of("doctor", "nurse", "surgeon"))));

        User surgeon = ok(withSurgeons.core.upsertUser().upsert(new UpsertUser(withSurgeons.admin, UserId.of("s_1"),
                "Dr. Sam Cutter", "surgeon", null)));

        assertThat(surgeon.role().isClinician()).isTrue();
        assertInvalid(withSurgeons.core.upsertUser().upsert(new UpsertUser(withSurgeons.admin, UserId.of("m_1"),
                "Mia", "midwife", null)));
    }

    @Test
    void a_relationship_links_a_known_patient_to_a_known_clinician() {
        assertInvalid(open(fx.ada, fx.alice), "roles swapped");
        assertInvalid(open(fx.alice, fx.bob), "two patients");
        assertInvalid(open(fx.ada, fx.ben), "two doctors");
        assertInvalid(open(fx.alice, fx.admin), "an admin is no clinician");
        assertInvalid(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin, UserId.of("ghost"),
                fx.ada.id(), null, null, null)), "unknown patient");
        assertInvalid(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin, fx.carol.id(),
                UserId.of("ghost"), null, null, null)), "unknown clinician");
        assertInvalid(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin, null, fx.ada.id(),
                null, null, null)), "missing patient");
        assertThat(fx.relationships.involving(fx.carol.id())).isEmpty();
    }

    @Test
    void a_relationship_period_must_end_after_it_starts() {
        Instant now = fx.time.instant();

        assertInvalid(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin, fx.carol.id(), fx.ada.id(),
                null, now, now)));
        assertInvalid(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin, fx.carol.id(), fx.ada.id(),
                null, null, now.minus(Duration.ofDays(1)))));
        assertInvalid(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin, fx.carol.id(), fx.ada.id(),
                "a".repeat(129), null, null)));
        assertThat(fx.relationships.involving(fx.carol.id())).isEmpty();
    }

    @Test
    void opening_again_extends_an_existing_relationship() {
        Instant until = fx.time.instant().plus(Duration.ofDays(30));

        CareRelationship extended = ok(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin,
                fx.alice.id(), fx.ada.id(), "appt-2", null, until)));

        assertThat(extended.validUntil()).isEqualTo(until);
        assertThat(fx.relationships.between(fx.alice.id(), fx.ada.id())).contains(extended);
        assertThat(fx.relationships.involving(fx.alice.id())).hasSize(2);
    }

    @Test
    void revoking_an_unknown_relationship_is_not_found() {
        assertThat(failure(fx.core.revokeCareRelationship().revoke(new RevokeCareRelationship(fx.admin, fx.carol.id(),
                fx.ada.id()))).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertInvalid(fx.core.revokeCareRelationship().revoke(new RevokeCareRelationship(fx.admin, null, fx.ada.id())));
    }

    @Test
    void revoking_keeps_the_relationship_with_its_revocation_time() {
        fx.time.advance(Duration.ofHours(3));

        CareRelationship revoked = ok(fx.core.revokeCareRelationship().revoke(new RevokeCareRelationship(fx.admin,
                fx.alice.id(), fx.ada.id())));

        assertThat(revoked.revokedAt()).isEqualTo(fx.time.instant());
        assertThat(fx.relationships.between(fx.alice.id(), fx.ada.id())).contains(revoked);
    }

    @Test
    void audit_queries_validate_their_criteria() {
        Instant now = fx.time.instant();

        assertInvalid(fx.core.queryAudit().query(new QueryAudit(fx.admin, null, null, now, now, null)));
        assertInvalid(fx.core.queryAudit().query(new QueryAudit(fx.admin, null, "no target", null, null, null)));
        assertInvalid(fx.core.queryAudit().query(new QueryAudit(fx.admin, null, null, null, null, 0)));
        assertThat(ok(fx.core.queryAudit().query(new QueryAudit(fx.admin, null, "user:p_alice", null, null, null))))
                .isNotEmpty().allSatisfy(entry -> assertThat(entry.targets()).contains("user:p_alice"));
    }

    private Result<CareRelationship> open(Actor patient, Actor clinician) {
        return fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin, patient.id(), clinician.id(),
                null, null, null));
    }

    private static void assertInvalid(Result<?> result) {
        assertInvalid(result, "");
    }

    private static void assertInvalid(Result<?> result, String why) {
        assertThat(failure(result).kind()).as(why).isEqualTo(FailureKind.INVALID);
    }
}
