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
