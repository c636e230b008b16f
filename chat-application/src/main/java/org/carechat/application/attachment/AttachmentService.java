package org.carechat.application.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
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
import org.carechat.domain.common.Text;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;

/**
 * Uploads and downloads of files: who may upload (someone with a person to send it to), the size limit and the
 * uploader's quota, the type check on the bytes, and the access rule for downloads (and for links to them).
 */
public final class AttachmentService implements UploadAttachmentUseCase, DownloadAttachmentUseCase, LinkAttachmentUseCase {
    private static final int UPLOADER_STRIPES = 64;

    private final CareAccess access;
    private final Attachments attachments;
    private final Blobs blobs;
    private final Messages messages;
    private final Conversations conversations;
    private final Audit audit;
    private final AttachmentRules rules;
    private final IdGenerator ids;
    private final Clock clock;
    private final ReentrantLock[] uploaders = new ReentrantLock[UPLOADER_STRIPES];

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
        for (int i = 0; i < UPLOADER_STRIPES; i++) {
            uploaders[i] = new ReentrantLock();
        }
    }

    @Override
    public Result<Attachment> upload(Upload command) {
        Actor actor = command.actor();
        return audit.run(actor, AuditAction.ATTACHMENT_UPLOAD, unit -> {
            access.requireMayShare(actor);
            if (command.content() == null) {
                throw Refusal.invalid("the file is missing");
            }
            Text.requireWellFormed(command.fileName(), "fileName");
            Text.requireWellFormed(command.declaredType(), "the declared type");
            long stored = attachments.storedBytes(actor.id());
            if (command.announcedSize() != null) {
                rules.checkAnnouncedSize(command.announcedSize());
                rules.checkQuota(stored, command.announcedSize());
            }
            try {
                byte[] head = command.content().readNBytes(FileType.SNIFF_LENGTH);
                if (head.length == 0) {
                    throw Refusal.invalid("the file is empty");
                }
                Sniff sniff = rules.recognise(head, head.length, command.declaredType());
                AttachmentId id = AttachmentId.of("a_" + ids.newId());
                InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), command.content());
                long size = blobs.write(id, new LimitedInputStream(whole, rules.uploadLimit(stored),
                        () -> rules.overLimit(stored)));
                Attachment attachment = keptOrDeleted(id, () -> {
                    FileType type = rules.confirm(sniff, stored(id, size), command.declaredType());
                    Attachment checked = new Attachment(id, actor.id(), AttachmentRules.safeName(command.fileName(), type),
                            type.mimeType(), size, clock.instant());
                    commit(checked);
                    return checked;
                });
                unit.add("attachment", id);
                return attachment;
            } catch (IOException e) {
                throw new UncheckedIOException("storing an upload failed", e);
            }
        });
    }

    /**
     * Saves the metadata if the file still fits in the uploader's quota, one upload of an uploader at a time, so
     * that two uploads streamed side by side cannot both take the last room.
     */
    private void commit(Attachment attachment) {
        ReentrantLock lock = uploaders[Math.floorMod(attachment.uploader().value().hashCode() * 0x9E3779B9, UPLOADER_STRIPES)];
        lock.lock();
        try {
            rules.checkQuota(attachments.storedBytes(attachment.uploader()), attachment.size());
            attachments.save(attachment);
        } finally {
            lock.unlock();
        }
    }

    private interface Checked<T> {
        T get() throws IOException;
    }

    /** The outcome of work on stored bytes; when it fails (the type is refuted, the quota is full), the bytes go. */
    private <T> T keptOrDeleted(AttachmentId id, Checked<T> work) throws IOException {
        try {
            return work.get();
        } catch (RuntimeException | IOException e) {
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
        return audit.run(actor, AuditAction.ATTACHMENT_DOWNLOAD, unit -> {
            unit.add("attachment", command.attachmentId());
            if (command.throughSignedLink()) {
                unit.add("via", "signed_link");
            }
            Attachment attachment = downloadable(actor, command.attachmentId());
            try {
                InputStream content = blobs.open(attachment.id()).orElseThrow(() -> Refusal.notFound("attachment"));
                return new Download(attachment, content);
            } catch (IOException e) {
                throw new UncheckedIOException("reading an attachment failed", e);
            }
        });
    }

    @Override
    public Result<Attachment> link(LinkAttachment command) {
        Actor actor = command.actor();
        return audit.run(actor, AuditAction.ATTACHMENT_LINK, unit -> {
            unit.add("attachment", command.attachmentId());
            return downloadable(actor, command.attachmentId());
        });
    }

    private Attachment downloadable(Actor actor, AttachmentId id) {
        return attachments.find(id)
                .filter(file -> mayDownload(actor, file))
                .orElseThrow(() -> Refusal.notFound("attachment"));
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
