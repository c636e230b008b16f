package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.attachment.UploadAttachmentUseCase.Upload;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.retention.ClearConversationRetentionUseCase.ClearConversationRetention;
import org.carechat.application.retention.LiftLegalHoldUseCase.LiftLegalHold;
import org.carechat.application.retention.ListLegalHoldsUseCase.ListLegalHolds;
import org.carechat.application.retention.PlaceLegalHoldUseCase.PlaceLegalHold;
import org.carechat.application.retention.RetentionPurge.Purged;
import org.carechat.application.retention.RetentionPurge;
import org.carechat.application.retention.SetConversationRetentionUseCase.SetConversationRetention;
import org.carechat.application.support.RetentionRecords;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent.MessageDeleted;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.retention.LegalHold;
import org.carechat.domain.retention.RetentionPolicy;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * Retention and legal hold, on a controllable clock: messages older than their conversation's period become
 * tombstones with their files deleted and their audit kept; a legal hold on a patient or a conversation suspends
 * that until it is lifted; audit entries older than the audit retention go, the records of holds stay.
 */
final class RetentionTest {
    private static final Duration MONTH = Duration.ofDays(30);
    private static final Duration DAY = Duration.ofDays(1);

    private final ChatFixture fx = ChatFixture.create(settings -> settings.withRetention(
            new RetentionPolicy(MONTH, RetentionPolicy.DEFAULT_AUDIT)));
    private final ConversationId alices = fx.open(fx.alice, fx.ada);
    private final ConversationId bobs = fx.open(fx.bob, fx.ben);

    @Test
    void a_message_older_than_the_retention_becomes_a_tombstone_its_audit_kept_and_participants_told() {
        Message sent = fx.send(fx.alice, alices, "my test results");
        Actor adaPhone = fx.connect(fx.ada, "phone");
        fx.time.advance(MONTH.minusSeconds(1));

        assertThat(purge()).isEqualTo(new Purged(0, 0, 0));
        fx.time.advance(Duration.ofSeconds(2));
        assertThat(purge()).isEqualTo(new Purged(1, 1, 0));

        Message tombstone = fx.messages.find(sent.id()).orElseThrow();
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.content()).isNull();
        assertThat(tombstone.seq()).isEqualTo(sent.seq());
        assertThat(fx.everything(fx.alice, alices)).singleElement()
                .satisfies(view -> assertThat(view.message().deleted()).isTrue());
        assertThat(fx.inbox(adaPhone).events(MessageDeleted.class)).containsExactly(new MessageDeleted(alices, sent.id()));
        AuditEntry purged = fx.auditOf(AuditAction.MESSAGE_PURGE).get(0);
        assertThat(purged.actor()).isEqualTo(RetentionPurge.ACTOR.id());
        assertThat(purged.targets()).containsExactly("message:" + sent.id(), "conversation:" + alices);
        assertThat(fx.auditOf(AuditAction.MESSAGE_SEND)).anySatisfy(entry ->
                assertThat(entry.targets()).contains("message:" + sent.id()));
        assertThat(purge()).as("a tombstone is purged once").isEqualTo(new Purged(0, 0, 0));
    }

    @Test
    void the_file_of_a_purged_message_is_deleted_metadata_and_bytes() throws IOException {
        Attachment file = ok(fx.core.uploadAttachment().upload(new Upload(fx.alice,
                new ByteArrayInputStream(SampleFiles.pdf()), "application/pdf", "lab.pdf", null)));
        Message sent = ok(fx.core.sendMessage().send(new SendMessage(fx.alice, alices, null, MessageType.FILE, null,
                file.id(), null, null))).message().message();
        fx.time.advance(MONTH.plus(DAY));

        assertThat(purge().purged()).isEqualTo(1);

        assertThat(fx.messages.find(sent.id()).orElseThrow().attachment()).isNull();
        assertThat(fx.attachments.find(file.id())).isEmpty();
        assertThat(fx.blobs.open(file.id())).isEmpty();
        assertThat(fx.attachments.storedBytes(fx.alice.id())).isZero();
        assertThat(fx.auditOf(AuditAction.MESSAGE_PURGE).get(0).targets()).contains("attachment:" + file.id());
        assertThat(fx.auditOf(AuditAction.ATTACHMENT_EXPIRE)).singleElement()
                .satisfies(entry -> assertThat(entry.targets()).contains("attachment:" + file.id()));
    }

    @Test
    void a_hold_on_a_patient_suspends_the_purge_of_all_their_conversations_until_it_is_lifted() {
        Message alicesToAda = fx.send(fx.alice, alices, "to ada");
        Message alicesToNora = fx.send(fx.alice, fx.open(fx.alice, fx.nora), "to nora");
        Message bobsMessage = fx.send(fx.bob, bobs, "to ben");
        LegalHold hold = ok(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, fx.alice.id(), null,
                " litigation 2026-114 ")));
        fx.time.advance(MONTH.plus(DAY));

        assertThat(purge().purged()).isEqualTo(1);
        assertThat(deleted(bobsMessage)).isTrue();
        assertThat(deleted(alicesToAda)).isFalse();
        assertThat(deleted(alicesToNora)).isFalse();
        assertThat(hold.reason()).isEqualTo("litigation 2026-114");
        assertThat(ok(fx.core.listLegalHolds().list(new ListLegalHolds(fx.service, true)))).containsExactly(hold);

        LegalHold lifted = ok(fx.core.liftLegalHold().lift(new LiftLegalHold(fx.admin, hold.id())));
        assertThat(purge().purged()).isEqualTo(2);

        assertThat(deleted(alicesToAda)).isTrue();
        assertThat(deleted(alicesToNora)).isTrue();
        assertThat(lifted.liftedBy()).isEqualTo(fx.admin.id());
        assertThat(ok(fx.core.listLegalHolds().list(new ListLegalHolds(fx.admin, true)))).isEmpty();
        assertThat(ok(fx.core.listLegalHolds().list(new ListLegalHolds(fx.admin, false)))).containsExactly(lifted);
        assertThat(fx.auditOf(AuditAction.LEGAL_HOLD_PLACE).get(0).targets()).containsExactly("access:legal_hold",
                "legal_hold:" + hold.id(), "user:p_alice", "reason:litigation 2026-114");
        assertThat(fx.auditOf(AuditAction.LEGAL_HOLD_LIFT).get(0).targets())
                .contains("legal_hold:" + hold.id(), "user:p_alice");
    }

    @Test
    void a_hold_on_a_conversation_suspends_its_purge_only() {
        Message held = fx.send(fx.alice, alices, "held");
        Message other = fx.send(fx.bob, bobs, "not held");
        LegalHold hold = ok(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, null, alices, "audit request")));
        fx.time.advance(MONTH.plus(DAY));

        purge();
        assertThat(deleted(held)).isFalse();
        assertThat(deleted(other)).isTrue();

        ok(fx.core.liftLegalHold().lift(new LiftLegalHold(fx.admin, hold.id())));
        purge();
        assertThat(deleted(held)).isTrue();
        assertThat(failure(fx.core.liftLegalHold().lift(new LiftLegalHold(fx.admin, hold.id()))).kind())
                .isEqualTo(FailureKind.CONFLICT);
    }

    @Test
    void a_conversation_of_its_own_is_purged_sooner_or_later_than_the_deployment_and_cleared_follows_it_again() {
        Message shortLived = fx.send(fx.alice, alices, "a week");
        Message longLived = fx.send(fx.bob, bobs, "a quarter");
        Message deployment = fx.send(fx.alice, fx.open(fx.alice, fx.nora), "a month");
        ok(fx.core.setConversationRetention().set(new SetConversationRetention(fx.admin, alices, 7)));
        ok(fx.core.setConversationRetention().set(new SetConversationRetention(fx.admin, bobs, 90)));

        fx.time.advance(Duration.ofDays(8));
        purge();
        assertThat(List.of(deleted(shortLived), deleted(longLived), deleted(deployment))).containsExactly(true, false, false);

        fx.time.advance(Duration.ofDays(23));
        purge();
        assertThat(List.of(deleted(longLived), deleted(deployment))).containsExactly(false, true);

        var cleared = ok(fx.core.clearConversationRetention().clear(new ClearConversationRetention(fx.admin, bobs)));
        purge();
        assertThat(cleared.days()).isNull();
        assertThat(deleted(longLived)).as("the deployment's month applies again").isTrue();
    }

    @Test
    void with_the_default_policy_nothing_is_purged_however_old() {
        ChatFixture keeping = ChatFixture.create();
        ConversationId conversation = keeping.open(keeping.alice, keeping.ada);
        Message sent = keeping.send(keeping.alice, conversation, "kept");
        keeping.time.advance(Duration.ofDays(3650));

        assertThat(keeping.core.retentionPurge().purge(100).purged()).isZero();
        assertThat(keeping.messages.find(sent.id()).orElseThrow().content()).isEqualTo("kept");
    }

    @Test
    void a_backlog_drains_in_bounded_batches_on_the_timers() {
        List<Message> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(fx.send(fx.alice, alices, "message " + i));
        }
        fx.time.advance(MONTH.plus(DAY));
        RetentionPurge purge = fx.core.retentionPurge();
        purge.start(Duration.ofMinutes(10), 2);

        fx.time.advance(Duration.ofMinutes(10));
        long afterFirst = remaining(sent);
        fx.time.advance(Duration.ofSeconds(1));
        long afterSecond = remaining(sent);
        fx.time.advance(Duration.ofSeconds(1));
        long afterThird = remaining(sent);

        assertThat(List.of(afterFirst, afterSecond, afterThird)).containsExactly(3L, 1L, 0L);
        assertThat(fx.time.pendingTasks()).as("the next run is planned").isEqualTo(1);
        purge.stop();
        assertThat(fx.time.pendingTasks()).isZero();
    }

    @Test
    void audit_entries_older_than_the_audit_retention_are_deleted_the_younger_and_the_holds_kept() {
        LegalHold hold = ok(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, fx.bob.id(), null, "case 7")));
        int old = fx.audit().size();
        fx.time.advance(RetentionPolicy.DEFAULT_AUDIT.minusSeconds(1));
        Message young = fx.send(fx.alice, alices, "young");
        fx.time.advance(Duration.ofSeconds(2));

        Purged purged = fx.core.retentionPurge().purge(1000);

        assertThat(purged.auditDeleted()).isEqualTo(old - 1);
        assertThat(fx.audit()).extracting(AuditEntry::action).doesNotContain(AuditAction.USER_UPSERT)
                .contains(AuditAction.LEGAL_HOLD_PLACE, AuditAction.AUDIT_PURGE);
        assertThat(fx.auditOf(AuditAction.MESSAGE_SEND)).singleElement()
                .satisfies(entry -> assertThat(entry.targets()).contains("message:" + young.id()));
        assertThat(fx.auditOf(AuditAction.AUDIT_PURGE).get(0).targets()).startsWith("count:" + (old - 1));
        assertThat(ok(fx.core.listLegalHolds().list(new ListLegalHolds(fx.admin, true)))).containsExactly(hold);
    }

    @Test
    void holds_and_periods_are_for_admins_and_services_with_valid_input_only() {
        assertThat(kind(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.ada, fx.alice.id(), null, "r"))))
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(kind(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, fx.alice.id(), alices, "r"))))
                .isEqualTo(FailureKind.INVALID);
        assertThat(kind(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, null, null, "r"))))
                .isEqualTo(FailureKind.INVALID);
        assertThat(kind(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, fx.alice.id(), null, " "))))
                .isEqualTo(FailureKind.INVALID);
        assertThat(kind(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, fx.ada.id(), null, "r"))))
                .as("a clinician is no patient").isEqualTo(FailureKind.NOT_FOUND);
        assertThat(kind(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, UserId.of("p_ghost"), null, "r"))))
                .isEqualTo(FailureKind.NOT_FOUND);
        assertThat(kind(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, null, ConversationId.of("c_ghost"),
                "r")))).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(kind(fx.core.liftLegalHold().lift(new LiftLegalHold(fx.admin, "lh_ghost"))))
                .isEqualTo(FailureKind.NOT_FOUND);
        assertThat(kind(fx.core.listLegalHolds().list(new ListLegalHolds(fx.alice, false))))
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(kind(fx.core.setConversationRetention().set(new SetConversationRetention(fx.admin, alices, 0))))
                .isEqualTo(FailureKind.INVALID);
        assertThat(kind(fx.core.setConversationRetention().set(new SetConversationRetention(fx.ada, alices, 7))))
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(kind(fx.core.clearConversationRetention().clear(new ClearConversationRetention(fx.admin,
                ConversationId.of("c_ghost"))))).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(fx.auditOf(AuditAction.LEGAL_HOLD_PLACE)).allSatisfy(entry -> assertThat(entry.succeeded()).isFalse());
        assertThat(ok(fx.core.listLegalHolds().list(new ListLegalHolds(fx.admin, false)))).isEmpty();
    }

    @Test
    void refused_attempts_by_others_never_carry_the_records_target_so_they_cannot_crowd_a_hold_out() {
        LegalHold hold = ok(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, fx.alice.id(), null, "case 7")));
        for (int i = 0; i < 5; i++) {
            // an administrator's invalid attempts neither: a retrying integration cannot fill the window
            assertThat(kind(fx.core.liftLegalHold().lift(new LiftLegalHold(fx.admin, "lh_ghost"))))
                    .isEqualTo(FailureKind.NOT_FOUND);
            assertThat(kind(fx.core.setConversationRetention().set(new SetConversationRetention(fx.admin, bobs, 0))))
                    .isEqualTo(FailureKind.INVALID);
            assertThat(kind(fx.core.clearConversationRetention().clear(new ClearConversationRetention(fx.admin,
                    ConversationId.of("c_ghost"))))).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(kind(fx.core.liftLegalHold().lift(new LiftLegalHold(fx.alice, hold.id()))))
                    .isEqualTo(FailureKind.FORBIDDEN);
            assertThat(kind(fx.core.setConversationRetention().set(new SetConversationRetention(fx.bob, bobs, 1))))
                    .isEqualTo(FailureKind.FORBIDDEN);
            assertThat(kind(fx.core.clearConversationRetention().clear(new ClearConversationRetention(fx.bob, bobs))))
                    .isEqualTo(FailureKind.FORBIDDEN);
        }

        for (AuditAction action : List.of(AuditAction.LEGAL_HOLD_LIFT, AuditAction.RETENTION_SET,
                AuditAction.RETENTION_CLEAR)) {
            assertThat(fx.auditOf(action)).as("%s refused, still audited", action).hasSize(10)
                    .allSatisfy(entry -> assertThat(entry.targets())
                            .doesNotContain(RetentionRecords.HOLDS, RetentionRecords.PERIODS));
        }
        assertThat(fx.auditTrail.query(new AuditTrail.AuditQuery(null, RetentionRecords.HOLDS, null, null, 100)))
                .as("only the administrator's placing").hasSize(1);
    }

    @Test
    void when_the_records_cannot_all_be_read_back_nothing_is_purged_rather_than_a_held_message() {
        ok(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, fx.alice.id(), null, "case 8")));
        ok(fx.core.placeLegalHold().place(new PlaceLegalHold(fx.admin, fx.bob.id(), null, "case 9")));
        RetentionRecords readingOne = new RetentionRecords(fx.auditTrail, 2);

        assertThatThrownBy(readingOne::activeHolds).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing is purged");
        assertThat(new RetentionRecords(fx.auditTrail, 3).activeHolds()).hasSize(2);
    }

    private static FailureKind kind(org.carechat.domain.failure.Result<?> result) {
        return failure(result).kind();
    }

    private Purged purge() {
        return fx.core.retentionPurge().purge(RetentionPurge.DEFAULT_BATCH);
    }

    private boolean deleted(Message message) {
        return fx.messages.find(message.id()).orElseThrow().deleted();
    }

    private long remaining(List<Message> sent) {
        return sent.stream().filter(message -> !deleted(message)).count();
    }
}
