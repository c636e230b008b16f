package org.carechat.application.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.carechat.application.Actor;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.port.Messages;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareAccess;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.attachment.AttachmentRules;
import org.carechat.domain.attachment.FileContent;
import org.carechat.domain.attachment.FileType;
import org.carechat.domain.attachment.Sniff;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;

/** Uploads and downloads of files, with the size limit, the type check on the bytes and the access rule. */
public final class AttachmentService implements UploadAttachmentUseCase, DownloadAttachmentUseCase {
    private final CareAccess access;
    private final Attachments attachments;
    private final Blobs blobs;
    private final Messages messages;
    private final Conversations conversations;
    private final Audit audit;
    private final AttachmentRules rules;
    private final IdGenerator ids;
    private final Clock clock;

    public AttachmentService(CareAccess access, Attachments attachments, Blobs blobs, Messages messages,
                             Conversations conversations, Audit audit, AttachmentRules rules, IdGenerator ids, Clock clock) {
        this.access = access;
        this.attachments = attachments;
        this.blobs = blobs;
        this.messages = messages;
        this.conversations = conversations;
        this.audit = audit;
        this.rules = rules;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Result<Attachment> upload(Upload command) {
        Actor actor = command.actor();
        return audit.run(actor, AuditAction.ATTACHMENT_UPLOAD, targets -> {
            access.requireConversant(actor);
            if (command.content() == null) {
                throw Refusal.invalid("the file is missing");
            }
            if (command.announcedSize() != null) {
                rules.checkAnnouncedSize(command.announcedSize());
            }
            try {
                byte[] head = command.content().readNBytes(FileType.SNIFF_LENGTH);
                if (head.length == 0) {
                    throw Refusal.invalid("the file is empty");
                }
                Sniff sniff = rules.recognise(head, head.length, command.declaredType());
                AttachmentId id = AttachmentId.of("a_" + ids.newId());
                InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), command.content());
                long size = blobs.write(id, new LimitedInputStream(whole, rules.maxBytes(), rules::tooLarge));
                FileType type = confirmed(id, size, sniff, command.declaredType());
                Attachment attachment = new Attachment(id, actor.id(), AttachmentRules.safeName(command.fileName(), type),
                        type.mimeType(), size, clock.instant());
                attachments.save(attachment);
                targets.add("attachment", id);
                return attachment;
            } catch (IOException e) {
                throw new UncheckedIOException("storing an upload failed", e);
            }
        });
    }

    /**
     * The type of the stored file, when its first bytes left it open looked for in its whole content; when the
     * content refutes the type, the stored bytes are deleted and the upload refused.
     */
    private FileType confirmed(AttachmentId id, long size, Sniff sniff, String declared) throws IOException {
        try {
            return rules.confirm(sniff, stored(id, size), declared);
        } catch (RuntimeException | IOException | Error e) {
            try {
                blobs.delete(id);
            } catch (IOException | RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    private FileContent stored(AttachmentId id, long size) {
        return new FileContent() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return blobs.open(id).orElseThrow(() -> new IOException("the stored upload " + id + " is gone"));
            }
        };
    }

    @Override
    public Result<Download> download(DownloadAttachment command) {
        Actor actor = command.actor();
        return audit.run(actor, AuditAction.ATTACHMENT_DOWNLOAD, targets -> {
            targets.add("attachment", command.attachmentId());
            Attachment attachment = attachments.find(command.attachmentId())
                    .filter(file -> mayDownload(actor, file))
                    .orElseThrow(() -> Refusal.notFound("attachment"));
            try {
                InputStream content = blobs.open(attachment.id()).orElseThrow(() -> Refusal.notFound("attachment"));
                return new Download(attachment, content);
            } catch (IOException e) {
                throw new UncheckedIOException("reading an attachment failed", e);
            }
        });
    }

    private boolean mayDownload(Actor actor, Attachment file) {
        if (file.uploader().equals(actor.id())) {
            return true;
        }
        return messages.referencing(file.id()).stream()
                .anyMatch(message -> conversations.find(message.conversationId())
                        .map(conversation -> conversation.isParticipant(actor.id()))
                        .orElse(false));
    }
}
