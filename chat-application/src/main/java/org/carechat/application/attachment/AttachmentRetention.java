package org.carechat.application.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carechat.application.Actor;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Timers;
import org.carechat.application.support.Audit;
import org.carechat.application.support.PeriodicBatches;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.attachment.AttachmentRules;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * Deletes the uploads that no message carries once they have been so for the retention of the attachment rules
 * ({@link AttachmentRules#unreferencedRetention()}): first their metadata, only if no message took the file
 * meanwhile, then their bytes, with one audit entry each in the name of {@link #ACTOR}. It works in bounded
 * batches ({@link PeriodicBatches}): {@link #start} runs one every interval through the timers.
 */
public final class AttachmentRetention {
    /** Who the audit trail names for a deletion: CareChat itself. */
    public static final Actor ACTOR = Actor.of(UserId.of("carechat:retention"), Role.SERVICE);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    public static final int DEFAULT_BATCH = 100;
    private static final Logger LOG = System.getLogger(AttachmentRetention.class.getName());

    private final Attachments attachments;
    private final Blobs blobs;
    private final Messages messages;
    private final Audit audit;
    private final AttachmentRules rules;
    private final Clock clock;
    private final PeriodicBatches batches;

    public AttachmentRetention(Attachments attachments, Blobs blobs, Messages messages, Audit audit,
                               AttachmentRules rules, Timers timers, Clock clock) {
        this.attachments = attachments;
        this.blobs = blobs;
        this.messages = messages;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
        // nothing of the files is logged when a batch fails
        this.batches = new PeriodicBatches(timers, "deleting unreferenced attachments", limit -> sweep(limit).examined() >= limit);
    }

    /** What one batch did: how many due files it looked at, and how many of them it deleted. */
    public record Swept(int examined, int deleted) {
    }

    /**
     * One batch, now: deletes up to {@code limit} files due for deletion. A file found carried by a message after
     * all (its mark was stale) is marked referenced and kept.
     */
    public Swept sweep(int limit) {
        Instant cutoff = rules.unreferencedCutoff(clock.instant());
        List<Attachment> due = attachments.unreferencedBefore(cutoff, limit);
        int deleted = 0;
        for (Attachment file : due) {
            if (!messages.referencing(file.id()).isEmpty()) {
                attachments.markReferenced(file.id());
            } else if (attachments.deleteIfUnreferencedBefore(file.id(), cutoff)) {
                deleted++;
                deleteBytes(file);
            }
        }
        return new Swept(due.size(), deleted);
    }

    /**
     * Deletes a file at once when no message carries it any more (the retention purged its message), as a batch
     * would once it is due: its metadata, only if no message took it meanwhile, then its bytes, audited the same.
     * A file still carried by another message is kept. True when it deleted.
     */
    public boolean expireNow(AttachmentId id) {
        if (!messages.referencing(id).isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        attachments.markUnreferenced(id, now);
        Optional<Attachment> file = attachments.find(id);
        // unreferenced since now, so before a millisecond later (stores keep milliseconds); should this fail,
        // the file is deleted by a batch once the retention of unsent files has passed
        if (file.isEmpty() || !attachments.deleteIfUnreferencedBefore(id, now.plusMillis(1))) {
            return false;
        }
        deleteBytes(file.get());
        return true;
    }

    private void deleteBytes(Attachment file) {
        try {
            deleteBytesAudited(file);
        } catch (RuntimeException e) {
            // its metadata is gone, so nobody reaches the bytes left behind; the other files still go
            LOG.log(Level.WARNING, "deleting the bytes of expired upload " + file.id() + " failed: "
                    + e.getClass().getSimpleName());
        }
    }

    private void deleteBytesAudited(Attachment file) {
        Result<AttachmentId> done = audit.run(ACTOR, AuditAction.ATTACHMENT_EXPIRE, unit -> {
            unit.add("attachment", file.id()).add("user", file.uploader());
            try {
                blobs.delete(file.id());
            } catch (IOException e) {
                throw new UncheckedIOException("deleting the bytes of an expired upload failed", e);
            }
            return file.id();
        });
        if (!done.isOk()) {
            // the metadata is gone; say so, without anything of the file but its id
            LOG.log(Level.WARNING, "expiring upload " + file.id() + " ended " + done.failure().kind());
        }
    }

    /** Runs a batch of {@link #DEFAULT_BATCH} every {@link #DEFAULT_INTERVAL}. */
    public void start() {
        start(DEFAULT_INTERVAL, DEFAULT_BATCH);
    }

    /** Runs a batch of {@code batchSize} every {@code every}, from now on until {@link #stop}; starting twice does nothing. */
    public void start(Duration every, int batchSize) {
        batches.start(every, batchSize);
    }

    public void stop() {
        batches.stop();
    }
}
