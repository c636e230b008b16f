package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.attachment.DownloadAttachmentUseCase.Download;
import org.carechat.application.attachment.DownloadAttachmentUseCase.DownloadAttachment;
import org.carechat.application.attachment.UploadAttachmentUseCase.Upload;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.attachment.AttachmentRules;
import org.carechat.domain.attachment.FileType;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageType;
import org.junit.jupiter.api.Test;

/** Uploads checked on their bytes, size limits, downloads for the uploader and the conversation only. */
final class AttachmentsTest {
    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);

    @Test
    void an_uploaded_png_keeps_its_size_and_the_type_its_bytes_show() throws IOException {
        byte[] png = SampleFiles.png(32);

        Attachment attachment = upload(fx.alice, png, "image/png", "rash.png");

        assertThat(attachment.mimeType()).isEqualTo("image/png");
        assertThat(attachment.size()).isEqualTo(png.length);
        assertThat(attachment.name()).isEqualTo("rash.png");
        assertThat(attachment.uploader()).isEqualTo(fx.alice.id());
        assertThat(fx.attachments.find(attachment.id())).contains(attachment);
        assertThat(downloadBytes(fx.alice, attachment.id())).isEqualTo(png);
    }

    @Test
    void a_pdf_declared_as_nothing_in_particular_is_typed_by_its_bytes() throws IOException {
        byte[] pdf = SampleFiles.pdf();

        Attachment undeclared = upload(fx.alice, pdf, null, "../../etc/lab results.pdf");
        Attachment octets = upload(fx.alice, pdf, "application/octet-stream", "lab.pdf");

        assertThat(undeclared.mimeType()).isEqualTo("application/pdf");
        assertThat(undeclared.name()).isEqualTo("lab results.pdf");
        assertThat(octets.mimeType()).isEqualTo("application/pdf");
        assertThat(octets.size()).isEqualTo(pdf.length);
        assertThat(downloadBytes(fx.alice, octets.id())).isEqualTo(pdf);
    }

    @Test
    void a_declared_type_the_bytes_contradict_is_unsupported_and_nothing_is_stored() {
        var refused = tryUpload(fx.alice, SampleFiles.png(8), "application/pdf", "not-really.pdf", null);
        var alsoRefused = tryUpload(fx.alice, SampleFiles.pdf(), "image/jpeg", "scan.jpg", null);

        assertThat(failure(refused).kind()).isEqualTo(FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertThat(failure(alsoRefused).kind()).isEqualTo(FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertThat(fx.blobs.attempted()).isEmpty();
    }

    @Test
    void bytes_of_an_unknown_type_are_unsupported() {
        assertThat(failure(tryUpload(fx.alice, SampleFiles.unknown(), "text/plain", "notes.txt", null)).kind())
                .isEqualTo(FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertThat(failure(tryUpload(fx.alice, SampleFiles.unknown(), null, "notes", null)).kind())
                .isEqualTo(FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertThat(fx.blobs.attempted()).isEmpty();
    }

    @Test
    void a_type_left_off_the_allow_list_is_unsupported() {
        ChatFixture imagesOnly = ChatFixture.create(settings -> settings.withAttachmentRules(
                new AttachmentRules(AttachmentRules.DEFAULT_MAX_BYTES, EnumSet.of(FileType.PNG, FileType.JPEG))));

        assertThat(failure(imagesOnly.core.uploadAttachment().upload(new Upload(imagesOnly.alice,
                new ByteArrayInputStream(SampleFiles.pdf()), "application/pdf", "lab.pdf", null))).kind())
                .isEqualTo(FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_file_over_the_limit_is_too_large_and_nothing_of_it_is_kept() throws IOException {
        ChatFixture small = ChatFixture.create(settings -> settings.withAttachmentRules(
                new AttachmentRules(1024, EnumSet.allOf(FileType.class))));
        byte[] png = SampleFiles.png(64);
        assertThat(png.length).isGreaterThan(1024);

        var streamed = small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(png),
                "image/png", "big.png", null));
        var liedAboutSize = small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(png),
                "image/png", "big.png", 100L));
        var announced = small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(png),
                "image/png", "big.png", (long) png.length));

        for (Result<Attachment> result : List.of(streamed, liedAboutSize, announced)) {
            assertThat(failure(result).kind()).isEqualTo(FailureKind.TOO_LARGE);
        }
        assertThat(small.blobs.attempted()).hasSize(2);
        for (AttachmentId id : small.blobs.attempted()) {
            assertThat(small.blobs.open(id)).as("bytes of %s", id).isEmpty();
            assertThat(small.attachments.find(id)).as("metadata of %s", id).isEmpty();
        }
        byte[] tiny = SampleFiles.pdf();
        assertThat(small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(tiny),
                "application/pdf", "ok.pdf", (long) tiny.length)).isOk()).isTrue();
    }

    @Test
    void an_exact_fit_is_accepted() {
        byte[] pdf = SampleFiles.pdf();
        ChatFixture exact = ChatFixture.create(settings -> settings.withAttachmentRules(
                new AttachmentRules(pdf.length, EnumSet.allOf(FileType.class))));

        assertThat(exact.core.uploadAttachment().upload(new Upload(exact.alice, new ByteArrayInputStream(pdf),
                "application/pdf", "lab.pdf", null)).isOk()).isTrue();
    }

    @Test
    void an_empty_or_missing_file_is_invalid() {
        assertThat(failure(tryUpload(fx.alice, new byte[0], "image/png", "empty.png", null)).kind())
                .isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.core.uploadAttachment().upload(new Upload(fx.alice, null, "image/png", "none.png", null)))
                .kind()).isEqualTo(FailureKind.INVALID);
    }

    @Test
    void admins_and_services_do_not_upload() {
        assertThat(failure(tryUpload(fx.admin, SampleFiles.pdf(), null, "x.pdf", null)).kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(tryUpload(fx.service, SampleFiles.pdf(), null, "x.pdf", null)).kind()).isEqualTo(FailureKind.FORBIDDEN);
    }

    @Test
    void the_other_participant_downloads_a_file_once_it_was_sent_and_a_third_user_never() throws IOException {
        byte[] pdf = SampleFiles.pdf();
        Attachment lab = upload(fx.alice, pdf, "application/pdf", "lab.pdf");

        assertThat(failure(download(fx.ada, lab.id())).kind()).as("not sent yet").isEqualTo(FailureKind.NOT_FOUND);

        Sent sent = ok(fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, MessageType.FILE,
                "My lab results", lab.id(), null, null)));

        assertThat(sent.message().message().attachment()).isEqualTo(lab.ref());
        assertThat(sent.message().message().content()).isEqualTo("My lab results");
        assertThat(downloadBytes(fx.ada, lab.id())).isEqualTo(pdf);
        assertThat(downloadBytes(fx.alice, lab.id())).isEqualTo(pdf);
        for (Actor stranger : List.of(fx.bob, fx.ben, fx.nora, fx.admin)) {
            assertThat(failure(download(stranger, lab.id()))).as("%s", stranger.id())
                    .isEqualTo(failure(download(stranger, AttachmentId.of("a_unknown"))));
            assertThat(failure(download(stranger, lab.id())).kind()).isEqualTo(FailureKind.NOT_FOUND);
        }
    }

    @Test
    void once_the_message_is_deleted_only_the_uploader_downloads_the_file() throws IOException {
        Attachment lab = upload(fx.alice, SampleFiles.pdf(), "application/pdf", "lab.pdf");
        Sent sent = ok(fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, MessageType.FILE, null,
                lab.id(), null, null)));

        ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, sent.message().message().id())));

        assertThat(failure(download(fx.ada, lab.id())).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(downloadBytes(fx.alice, lab.id())).isEqualTo(SampleFiles.pdf());
    }

    @Test
    void an_image_message_needs_an_image_attachment() {
        Attachment pdf = upload(fx.alice, SampleFiles.pdf(), "application/pdf", "lab.pdf");
        Attachment png = upload(fx.alice, SampleFiles.png(16), "image/png", "rash.png");

        assertThat(failure(send(MessageType.IMAGE, pdf.id())).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(send(MessageType.IMAGE, null)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(send(MessageType.AUDIO, png.id())).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(send(MessageType.TEXT, png.id())).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(fx.everything(fx.alice, conversation)).isEmpty();

        assertThat(ok(send(MessageType.IMAGE, png.id())).message().message().attachment().mimeType()).isEqualTo("image/png");
        assertThat(ok(send(MessageType.FILE, pdf.id())).message().message().type()).isEqualTo(MessageType.FILE);
        assertThat(ok(send(MessageType.FILE, png.id())).created()).isTrue();
    }

    @Test
    void only_the_uploader_attaches_a_file() {
        Attachment alices = upload(fx.alice, SampleFiles.pdf(), "application/pdf", "lab.pdf");

        var byAda = fx.core.sendMessage().send(new SendMessage(fx.ada, conversation, null, MessageType.FILE, null,
                alices.id(), null, null));

        assertThat(failure(byAda).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(fx.everything(fx.ada, conversation)).isEmpty();
    }

    // ---- the uploader's quota of stored bytes (issue 10, item 7a)

    @Test
    void an_upload_past_the_uploaders_quota_is_too_large_and_nothing_of_it_is_kept() throws IOException {
        byte[] pdf = SampleFiles.pdf();
        ChatFixture small = ChatFixture.create(settings -> settings.withAttachmentRules(
                settings.attachmentRules().withQuotaBytes(2L * pdf.length + 10)));
        ok(small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(pdf), null, "1.pdf", null)));
        ok(small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(pdf), null, "2.pdf", null)));

        var streamed = small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(pdf),
                null, "3.pdf", null));
        var announced = small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(pdf),
                null, "3.pdf", (long) pdf.length));
        var byAnother = small.core.uploadAttachment().upload(new Upload(small.bob, new ByteArrayInputStream(pdf),
                null, "mine.pdf", null));

        assertThat(failure(streamed).kind()).isEqualTo(FailureKind.TOO_LARGE);
        assertThat(failure(streamed).message()).contains("storage quota of " + (2L * pdf.length + 10) + " bytes");
        assertThat(failure(announced).kind()).isEqualTo(FailureKind.TOO_LARGE);
        assertThat(byAnother.isOk()).as("the quota is per uploader").isTrue();
        assertThat(small.attachments.storedBytes(small.alice.id())).isEqualTo(2L * pdf.length);
        for (AttachmentId id : small.blobs.attempted()) {
            if (small.attachments.find(id).isEmpty()) {
                assertThat(small.blobs.open(id)).as("bytes of the refused %s", id).isEmpty();
            }
        }
        byte[] tiny = "ok\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(tiny),
                "text/plain", "fits.txt", null)).isOk()).as("what still fits is accepted").isTrue();
    }

    @Test
    void two_uploads_streamed_side_by_side_cannot_both_take_the_last_room() throws Exception {
        byte[] pdf = SampleFiles.pdf();
        ChatFixture small = ChatFixture.create(settings -> settings.withAttachmentRules(
                settings.attachmentRules().withQuotaBytes(pdf.length + pdf.length / 2)));
        java.util.concurrent.CountDownLatch bothStreamed = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Result<Attachment>>> uploads = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                InputStream held = new HeldAtTheEnd(pdf, bothStreamed);
                uploads.add(pool.submit(() -> small.core.uploadAttachment().upload(
                        new Upload(small.alice, held, "application/pdf", "lab.pdf", null))));
            }
            List<Result<Attachment>> results = new java.util.ArrayList<>();
            for (var upload : uploads) {
                results.add(upload.get(20, java.util.concurrent.TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(Result::isOk).hasSize(1);
            assertThat(results).filteredOn(result -> !result.isOk())
                    .allSatisfy(result -> assertThat(result.failure().kind()).isEqualTo(FailureKind.TOO_LARGE));
            assertThat(small.attachments.storedBytes(small.alice.id())).isEqualTo(pdf.length);
            assertThat(small.blobs.attempted().stream().filter(id -> {
                try {
                    return small.blobs.open(id).isPresent();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("only the bytes of the kept upload stay").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_deleted_unsent_upload_gives_its_room_back() {
        byte[] pdf = SampleFiles.pdf();
        ChatFixture small = ChatFixture.create(settings -> settings.withAttachmentRules(
                settings.attachmentRules().withQuotaBytes(pdf.length)));
        ok(small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(pdf), null, "1.pdf", null)));
        assertThat(small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(pdf), null,
                "2.pdf", null)).isOk()).isFalse();

        small.time.advance(AttachmentRules.DEFAULT_UNREFERENCED_RETENTION.plusSeconds(1));
        small.core.attachmentRetention().sweep(10);

        assertThat(small.core.uploadAttachment().upload(new Upload(small.alice, new ByteArrayInputStream(pdf), null,
                "2.pdf", null)).isOk()).isTrue();
    }

    // ---- uploads only from someone with a person to send them to (issue 10, item 7c)

    @Test
    void a_patient_in_care_with_nobody_cannot_upload_and_nothing_is_stored() {
        var refused = tryUpload(fx.carol, SampleFiles.pdf(), "application/pdf", "lab.pdf", null);

        assertThat(failure(refused).kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(refused).message()).isEqualTo("no active care relationship");
        assertThat(fx.blobs.attempted()).isEmpty();
    }

    @Test
    void a_patient_whose_care_ended_cannot_upload_any_more() {
        assertThat(tryUpload(fx.bob, SampleFiles.pdf(), null, "lab.pdf", null).isOk()).isTrue();

        fx.revoke(fx.bob, fx.ben);

        assertThat(failure(tryUpload(fx.bob, SampleFiles.pdf(), null, "lab.pdf", null)).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
    }

    @Test
    void a_patient_whose_care_expired_cannot_upload_any_more() {
        ChatFixture clinic = ChatFixture.create();
        clinic.relate(clinic.carol, clinic.ben, ChatFixture.START.plus(java.time.Duration.ofDays(1)));
        assertThat(clinic.core.uploadAttachment().upload(new Upload(clinic.carol,
                new ByteArrayInputStream(SampleFiles.pdf()), null, "a.pdf", null)).isOk()).isTrue();

        clinic.time.advance(java.time.Duration.ofDays(1));

        assertThat(failure(clinic.core.uploadAttachment().upload(new Upload(clinic.carol,
                new ByteArrayInputStream(SampleFiles.pdf()), null, "a.pdf", null))).kind()).isEqualTo(FailureKind.FORBIDDEN);
    }

    @Test
    void a_clinician_uploads_while_consults_are_allowed_or_while_in_care_with_a_patient() {
        ChatFixture noConsults = ChatFixture.create(settings -> settings.withCarePolicy(
                new org.carechat.domain.care.CarePolicy(false)));
        Actor lone = Actor.of(org.carechat.domain.user.UserId.of("d_lone"), org.carechat.domain.user.Role.DOCTOR);
        fx.upsert(lone, "Dr. Lone", "doctor", null);
        noConsults.upsert(lone, "Dr. Lone", "doctor", null);

        assertThat(tryUpload(lone, SampleFiles.pdf(), null, "x.pdf", null).isOk()).as("consults allowed").isTrue();
        assertThat(noConsults.core.uploadAttachment().upload(new Upload(noConsults.ben,
                new ByteArrayInputStream(SampleFiles.pdf()), null, "x.pdf", null)).isOk()).as("in care with Bob").isTrue();
        assertThat(failure(noConsults.core.uploadAttachment().upload(new Upload(lone,
                new ByteArrayInputStream(SampleFiles.pdf()), null, "x.pdf", null))).kind()).isEqualTo(FailureKind.FORBIDDEN);

        noConsults.revoke(noConsults.bob, noConsults.ben);

        assertThat(failure(noConsults.core.uploadAttachment().upload(new Upload(noConsults.ben,
                new ByteArrayInputStream(SampleFiles.pdf()), null, "x.pdf", null))).kind()).isEqualTo(FailureKind.FORBIDDEN);
    }

    /** The file's bytes, then a wait at the very end until every such stream has been read that far. */
    private static final class HeldAtTheEnd extends InputStream {
        private final byte[] bytes;
        private final java.util.concurrent.CountDownLatch atTheEnd;
        private int position;
        private boolean arrived;

        HeldAtTheEnd(byte[] bytes, java.util.concurrent.CountDownLatch atTheEnd) {
            this.bytes = bytes;
            this.atTheEnd = atTheEnd;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (position < bytes.length) {
                int n = Math.min(length, bytes.length - position);
                System.arraycopy(bytes, position, target, offset, n);
                position += n;
                return n;
            }
            if (!arrived) {
                arrived = true;
                atTheEnd.countDown();
                try {
                    if (!atTheEnd.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IOException("the other upload never got here");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            return -1;
        }
    }

    private Result<Sent> send(MessageType type, AttachmentId attachment) {
        return fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, type, null, attachment, null, null));
    }

    private Result<Attachment> tryUpload(Actor actor, byte[] bytes, String declared, String name, Long announced) {
        return fx.core.uploadAttachment().upload(new Upload(actor, new ByteArrayInputStream(bytes), declared, name, announced));
    }

    private Attachment upload(Actor actor, byte[] bytes, String declared, String name) {
        return ok(tryUpload(actor, bytes, declared, name, (long) bytes.length));
    }

    private Result<Download> download(Actor actor, AttachmentId id) {
        return fx.core.downloadAttachment().download(new DownloadAttachment(actor, id));
    }

    private byte[] downloadBytes(Actor actor, AttachmentId id) throws IOException {
        Download download = ok(download(actor, id));
        assertThat(download.attachment().id()).isEqualTo(id);
        try (InputStream content = download.content()) {
            return content.readAllBytes();
        }
    }
}
