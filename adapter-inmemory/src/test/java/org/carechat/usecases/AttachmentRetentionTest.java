package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.attachment.AttachmentRetention;
import org.carechat.application.attachment.AttachmentRetention.Swept;
import org.carechat.application.attachment.DownloadAttachmentUseCase.DownloadAttachment;
import org.carechat.application.attachment.UploadAttachmentUseCase.Upload;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentRules;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageType;
import org.junit.jupiter.api.Test;

/**
 * Uploads that no message carries are deleted once the retention passed (24 hours by default): their metadata
 * and their bytes, one audit entry each, in bounded batches on the timers. Files a message carries stay.
 */
final class AttachmentRetentionTest {
    private static final Duration DAY = AttachmentRules.DEFAULT_UNREFERENCED_RETENTION;

    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);

    @Test
    void an_upload_no_message_carries_is_deleted_after_the_retention_with_its_bytes_and_an_audit_entry() throws IOException {
        Attachment unsent = upload(fx.alice);

        fx.time.advance(DAY.minusSeconds(1));
        Swept early = sweep();
        fx.time.advance(Duration.ofSeconds(2));
        Swept due = sweep();

        assertThat(early).isEqualTo(new Swept(0, 0));
        assertThat(due).isEqualTo(new Swept(1, 1));
        assertThat(fx.attachments.find(unsent.id())).isEmpty();
        assertThat(fx.blobs.open(unsent.id())).isEmpty();
        assertThat(failure(download(fx.alice, unsent)).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(fx.attachments.storedBytes(fx.alice.id())).isZero();
        assertThat(fx.auditOf(AuditAction.ATTACHMENT_EXPIRE)).hasSize(1);
        AuditEntry entry = fx.auditOf(AuditAction.ATTACHMENT_EXPIRE).get(0);
        assertThat(entry.actor()).isEqualTo(AttachmentRetention.ACTOR.id());
        assertThat(entry.targets()).containsExactly("attachment:" + unsent.id(), "user:" + fx.alice.id());
        assertThat(entry.outcome()).isEqualTo("ok");
        assertThat(entry.at()).isEqualTo(ChatFixture.START.plus(DAY).plusSeconds(1));
    }

    @Test
    void a_sent_upload_is_kept_however_long_it_is_stored() throws IOException {
        Attachment sent = upload(fx.alice);
        ok(send(fx.alice, MessageType.FILE, sent));

        fx.time.advance(DAY.multipliedBy(30));

        assertThat(sweep()).isEqualTo(new Swept(0, 0));
        assertThat(fx.attachments.find(sent.id())).isPresent();
        assertThat(ok(download(fx.ada, sent)).content().readAllBytes()).isEqualTo(SampleFiles.pdf());
        assertThat(fx.auditOf(AuditAction.ATTACHMENT_EXPIRE)).isEmpty();
    }

    @Test
    void the_file_of_a_deleted_message_is_deleted_a_retention_after_the_message() {
        Attachment file = upload(fx.alice);
        Sent sent = ok(send(fx.alice, MessageType.FILE, file));
        fx.time.advance(DAY.multipliedBy(3));

        ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, sent.message().message().id())));
        fx.time.advance(DAY.minusSeconds(1));
        Swept early = sweep();
        fx.time.advance(Duration.ofSeconds(2));
        Swept due = sweep();

        assertThat(early.deleted()).isZero();
        assertThat(due.deleted()).isEqualTo(1);
        assertThat(fx.attachments.find(file.id())).isEmpty();
    }

    @Test
    void a_file_two_messages_carry_stays_while_one_of_them_remains() {
        Attachment file = upload(fx.alice);
        Sent first = ok(send(fx.alice, MessageType.FILE, file));
        ok(send(fx.alice, MessageType.FILE, file));

        ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, first.message().message().id())));
        fx.time.advance(DAY.multipliedBy(2));

        assertThat(sweep().deleted()).isZero();
        assertThat(fx.attachments.find(file.id()).orElseThrow().isReferenced()).isTrue();
    }

    @Test
    void a_file_sent_just_before_the_sweep_is_kept_and_one_deleted_just_before_a_send_is_refused() {
        Attachment sentInTime = upload(fx.alice);
        Attachment tooLate = upload(fx.alice);
        fx.time.advance(DAY.plusMinutes(5));

        Result<Sent> inTime = send(fx.alice, MessageType.FILE, sentInTime);
        Swept swept = sweep();
        Result<Sent> late = send(fx.alice, MessageType.FILE, tooLate);

        assertThat(inTime.isOk()).isTrue();
        assertThat(swept).isEqualTo(new Swept(1, 1));
        assertThat(fx.attachments.find(sentInTime.id())).isPresent();
        assertThat(failure(late).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(fx.everything(fx.alice, conversation)).hasSize(1);
    }

    @Test
    void a_stale_mark_is_repaired_and_the_file_a_message_carries_kept() {
        Attachment file = upload(fx.alice);
        ok(send(fx.alice, MessageType.FILE, file));
        fx.attachments.markUnreferenced(file.id(), fx.time.instant());
        fx.time.advance(DAY.plusSeconds(1));

        Swept swept = sweep();

        assertThat(swept).isEqualTo(new Swept(1, 0));
        assertThat(fx.attachments.find(file.id()).orElseThrow().isReferenced()).isTrue();
    }

    @Test
    void a_retention_of_the_installation_is_the_one_applied() {
        ChatFixture hourly = ChatFixture.create(settings -> settings.withAttachmentRules(
                settings.attachmentRules().withUnreferencedRetention(Duration.ofHours(1))));
        Attachment unsent = ok(hourly.core.uploadAttachment().upload(new Upload(hourly.alice,
                new ByteArrayInputStream(SampleFiles.pdf()), "application/pdf", "lab.pdf", null)));

        hourly.time.advance(Duration.ofMinutes(61));

        assertThat(hourly.core.attachmentRetention().sweep(10).deleted()).isEqualTo(1);
        assertThat(hourly.attachments.find(unsent.id())).isEmpty();
    }

    @Test
    void started_it_runs_on_the_timers_in_bounded_batches_and_drains_a_backlog_batch_after_batch() {
        AttachmentRetention retention = fx.core.attachmentRetention();
        List<Attachment> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(upload(fx.alice));
        }
        retention.start(Duration.ofMinutes(10), 2);

        fx.time.advance(DAY);
        int afterADay = remaining(files);
        fx.time.advance(Duration.ofMinutes(10));
        int afterFirstBatch = remaining(files);
        fx.time.advance(Duration.ofSeconds(1));
        int afterSecondBatch = remaining(files);
        fx.time.advance(Duration.ofSeconds(1));
        int afterThirdBatch = remaining(files);

        assertThat(afterADay).as("not due yet at the runs of the first day").isEqualTo(5);
        assertThat(afterFirstBatch).as("one batch of two").isEqualTo(3);
        assertThat(afterSecondBatch).as("a full batch is followed soon by the next").isEqualTo(1);
        assertThat(afterThirdBatch).isZero();
        assertThat(fx.auditOf(AuditAction.ATTACHMENT_EXPIRE)).hasSize(5);
        assertThat(fx.time.pendingTasks()).as("the next run is planned").isEqualTo(1);

        retention.stop();

        assertThat(fx.time.pendingTasks()).isZero();
    }

    @Test
    void starting_twice_plans_one_run() {
        fx.core.attachmentRetention().start();
        fx.core.attachmentRetention().start();

        assertThat(fx.time.pendingTasks()).isEqualTo(1);
        fx.core.attachmentRetention().stop();
    }

    private int remaining(List<Attachment> files) {
        return (int) files.stream().filter(file -> fx.attachments.find(file.id()).isPresent()).count();
    }

    private Swept sweep() {
        return fx.core.attachmentRetention().sweep(AttachmentRetention.DEFAULT_BATCH);
    }

    private Attachment upload(Actor actor) {
        return ok(fx.core.uploadAttachment().upload(new Upload(actor, new ByteArrayInputStream(SampleFiles.pdf()),
                "application/pdf", "lab.pdf", null)));
    }

    private Result<Sent> send(Actor actor, MessageType type, Attachment file) {
        return fx.core.sendMessage().send(new SendMessage(actor, conversation, null, type, null, file.id(), null, null));
    }

    private Result<org.carechat.application.attachment.DownloadAttachmentUseCase.Download> download(Actor actor,
                                                                                                   Attachment file) {
        return fx.core.downloadAttachment().download(new DownloadAttachment(actor, file.id()));
    }
}
