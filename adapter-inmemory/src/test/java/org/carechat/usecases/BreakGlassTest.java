package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.breakglass.BreakGlassUseCase.BreakGlassGrant;
import org.carechat.application.breakglass.BreakGlassUseCase.OpenBreakGlass;
import org.carechat.application.breakglass.ReviewBreakGlassUseCase.BreakGlassRecord;
import org.carechat.application.breakglass.ReviewBreakGlassUseCase.ReviewBreakGlass;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.BreakGlassPolicy;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;

/**
 * Break-glass: Dr. Ben, not in care with Alice (who is in care with Dr. Ada and Nurse Nora), reads her
 * conversations in an emergency by stating a reason, for the configured time, read-only, audited, announced to her
 * care team, listed for review.
 */
final class BreakGlassTest {
    private final ChatFixture fx = ChatFixture.create();

    private BreakGlassGrant open(Actor clinician, Actor patient, String reason) {
        return ok(fx.core.breakGlass().open(new OpenBreakGlass(clinician, patient.id(), reason)));
    }

    private FailureKind refusedToOpen(Actor clinician, Actor patient, String reason) {
        return failure(fx.core.breakGlass().open(new OpenBreakGlass(clinician, patient == null ? null : patient.id(), reason)))
                .kind();
    }

    private FailureKind refusedToRead(Actor reader, ConversationId conversation) {
        return failure(fx.core.readHistory().read(new ReadHistory(reader, conversation, null, null, null))).kind();
    }

    @Test
    void with_a_reason_a_clinician_reads_the_patients_conversations_until_the_access_ends_and_each_read_is_flagged() {
        ConversationId withAda = fx.open(fx.alice, fx.ada);
        fx.send(fx.alice, withAda, "chest pain since this morning");
        ConversationId withNora = fx.open(fx.alice, fx.nora);
        assertThat(refusedToRead(fx.ben, withAda)).as("before").isEqualTo(FailureKind.NOT_FOUND);

        BreakGlassGrant grant = open(fx.ben, fx.alice, "  Alice unconscious in the emergency room  ");

        assertThat(grant.reason()).isEqualTo("Alice unconscious in the emergency room");
        assertThat(grant.until()).isEqualTo(fx.time.instant().plus(BreakGlassPolicy.DEFAULT_DURATION));
        assertThat(grant.conversations()).containsExactlyInAnyOrder(withAda, withNora);
        var page = ok(fx.core.readHistory().read(new ReadHistory(fx.ben, withAda, null, null, null)));
        assertThat(page.items()).singleElement().satisfies(view ->
                assertThat(view.message().content()).isEqualTo("chest pain since this morning"));
        AuditEntry read = fx.lastAudit();
        assertThat(read.action()).isEqualTo(AuditAction.HISTORY_READ);
        assertThat(read.actor()).isEqualTo(fx.ben.id());
        assertThat(read.targets()).contains("conversation:" + withAda.value(), "via:break_glass");
        AuditEntry opened = fx.auditOf(AuditAction.BREAK_GLASS_OPEN).get(0);
        assertThat(opened.targets()).containsExactly("access:break_glass", "break_glass:p_alice",
                "reason:Alice unconscious in the emergency room", "until:" + grant.until());

        // read-only: nothing is added under break-glass
        assertThat(fx.trySend(fx.ben, withAda, "hello").isOk()).isFalse();
        assertThat(failure(fx.trySend(fx.ben, withAda, "hello")).kind()).isEqualTo(FailureKind.NOT_FOUND);

        fx.time.advance(BreakGlassPolicy.DEFAULT_DURATION.minusSeconds(1));
        assertThat(fx.core.readHistory().read(new ReadHistory(fx.ben, withNora, null, null, null)).isOk()).isTrue();
        fx.time.advance(Duration.ofSeconds(1));
        assertThat(refusedToRead(fx.ben, withAda)).as("once it ended").isEqualTo(FailureKind.NOT_FOUND);
    }

    @Test
    void the_care_team_hears_of_it_and_no_one_else_does() {
        Actor ada = fx.connect(fx.ada, "desk");
        Actor nora = fx.connect(fx.nora, "phone");
        Actor alice = fx.connect(fx.alice, "phone");
        Actor ben = fx.connect(fx.ben, "desk");
        Actor bob = fx.connect(fx.bob, "phone");

        BreakGlassGrant grant = open(fx.ben, fx.alice, "on call, patient deteriorating");

        for (Actor member : List.of(ada, nora)) {
            assertThat(fx.inbox(member).events(ChatEvent.BreakGlassOpened.class)).singleElement().isEqualTo(
                    new ChatEvent.BreakGlassOpened(fx.ben.id(), "Dr. Ben Okafor", fx.alice.id(), "on call, patient deteriorating",
                            grant.until()));
        }
        for (Actor other : List.of(alice, ben, bob)) {
            assertThat(fx.inbox(other).events(ChatEvent.BreakGlassOpened.class)).as(other.id().value()).isEmpty();
        }
    }

    @Test
    void a_deployment_may_keep_it_from_the_care_team_and_shorten_it() {
        ChatFixture quiet = ChatFixture.create(settings -> settings.withBreakGlass(new BreakGlassPolicy(Duration.ofMinutes(10), false)));
        Actor ada = quiet.connect(quiet.ada, "desk");
        ConversationId withAda = quiet.open(quiet.alice, quiet.ada);

        BreakGlassGrant grant = ok(quiet.core.breakGlass().open(new OpenBreakGlass(quiet.ben, quiet.alice.id(), "emergency")));

        assertThat(quiet.inbox(ada).events(ChatEvent.BreakGlassOpened.class)).isEmpty();
        assertThat(grant.until()).isEqualTo(quiet.time.instant().plus(Duration.ofMinutes(10)));
        quiet.time.advance(Duration.ofMinutes(10));
        assertThat(failure(quiet.core.readHistory().read(new ReadHistory(quiet.ben, withAda, null, null, null))).kind())
                .isEqualTo(FailureKind.NOT_FOUND);
    }

    @Test
    void without_a_reason_it_is_refused_audited_and_opens_nothing() {
        ConversationId withAda = fx.open(fx.alice, fx.ada);

        assertThat(refusedToOpen(fx.ben, fx.alice, null)).isEqualTo(FailureKind.INVALID);
        assertThat(refusedToOpen(fx.ben, fx.alice, "   ")).isEqualTo(FailureKind.INVALID);
        assertThat(refusedToOpen(fx.ben, fx.alice, "x".repeat(BreakGlassPolicy.MAX_REASON_LENGTH + 1))).isEqualTo(FailureKind.INVALID);
        assertThat(refusedToOpen(fx.ben, fx.alice, "bad \uD800 text")).isEqualTo(FailureKind.INVALID);

        assertThat(refusedToRead(fx.ben, withAda)).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(fx.auditOf(AuditAction.BREAK_GLASS_OPEN)).hasSize(4).allSatisfy(entry -> {
            assertThat(entry.outcome()).isEqualTo("invalid");
            assertThat(entry.targets()).startsWith("access:break_glass", "break_glass:p_alice");
        });
    }

    @Test
    void only_clinicians_open_it_for_a_patient_they_are_not_in_care_with() {
        assertThat(refusedToOpen(fx.bob, fx.alice, "curious")).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(refusedToOpen(fx.admin, fx.alice, "audit")).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(refusedToOpen(fx.service, fx.alice, "sync")).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(refusedToOpen(fx.ben, fx.ada, "a doctor is no patient")).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(refusedToOpen(fx.ben, Actor.of(org.carechat.domain.user.UserId.of("p_nobody"),
                org.carechat.domain.user.Role.PATIENT), "unknown")).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(refusedToOpen(fx.ben, null, "no one")).isEqualTo(FailureKind.INVALID);
        assertThat(refusedToOpen(fx.ada, fx.alice, "already in care")).isEqualTo(FailureKind.CONFLICT);
    }

    @Test
    void admins_and_services_list_every_access_for_review_newest_first_and_no_one_else_may() {
        BreakGlassGrant first = open(fx.ben, fx.alice, "first emergency");
        fx.time.advance(Duration.ofMinutes(5));
        refusedToOpen(fx.ben, fx.carol, "");
        fx.time.advance(Duration.ofMinutes(5));
        BreakGlassGrant third = open(fx.nora, fx.bob, "night shift, Bob fell");

        List<BreakGlassRecord> records = ok(fx.core.reviewBreakGlass().review(new ReviewBreakGlass(fx.admin, null, null, null, null)));

        assertThat(records).extracting(BreakGlassRecord::clinicianId).containsExactly(fx.nora.id(), fx.ben.id(), fx.ben.id());
        assertThat(records).extracting(BreakGlassRecord::patientId).containsExactly(fx.bob.id(), fx.carol.id(), fx.alice.id());
        assertThat(records).extracting(BreakGlassRecord::outcome).containsExactly("ok", "invalid", "ok");
        assertThat(records).extracting(BreakGlassRecord::until).containsExactly(third.until(), null, first.until());
        assertThat(records).extracting(BreakGlassRecord::reason).containsExactly("night shift, Bob fell", null, "first emergency");
        assertThat(fx.lastAudit().action()).isEqualTo(AuditAction.AUDIT_READ);
        assertThat(fx.lastAudit().targets()).containsExactly("review:break_glass");
        assertThat(ok(fx.core.reviewBreakGlass().review(new ReviewBreakGlass(fx.service, null, null, null, 1)))).hasSize(1);
        assertThat(ok(fx.core.reviewBreakGlass().review(new ReviewBreakGlass(fx.admin, null, null, first.openedAt().plusSeconds(1), null))))
                .as("before a time").singleElement().satisfies(record -> assertThat(record.patientId()).isEqualTo(fx.alice.id()));

        assertThat(ok(fx.core.reviewBreakGlass().review(new ReviewBreakGlass(fx.admin, fx.alice.id(), null, null, null))))
                .as("one patient's").extracting(BreakGlassRecord::patientId).containsExactly(fx.alice.id());
        assertThat(fx.lastAudit().targets()).containsExactly("review:break_glass", "user:p_alice");

        for (Actor caller : List.of(fx.ben, fx.alice)) {
            assertThat(failure(fx.core.reviewBreakGlass().review(new ReviewBreakGlass(caller, null, null, null, null))).kind())
                    .isEqualTo(FailureKind.FORBIDDEN);
        }
    }
}
