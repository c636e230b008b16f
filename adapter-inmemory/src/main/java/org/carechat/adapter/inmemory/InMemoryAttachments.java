package org.carechat.adapter.inmemory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carechat.application.port.Attachments;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.user.UserId;

/**
 * The metadata of uploaded files, kept in memory; their bytes are in {@link InMemoryBlobs}. Each change of one
 * file is atomic ({@link ConcurrentHashMap#compute}); the queries over all files read every file, which is what
 * memory is fast enough for.
 */
public final class InMemoryAttachments implements Attachments {
    private static final Comparator<Attachment> LONGEST_UNREFERENCED =
            Comparator.comparing(Attachment::unreferencedSince).thenComparing(file -> file.id().value());

    private final ConcurrentHashMap<AttachmentId, Attachment> byId = new ConcurrentHashMap<>();

    @Override
    public void save(Attachment attachment) {
        Objects.requireNonNull(attachment, "attachment");
        byId.put(attachment.id(), attachment);
    }

    @Override
    public Optional<Attachment> find(AttachmentId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public long storedBytes(UserId uploader) {
        Objects.requireNonNull(uploader, "uploader");
        return byId.values().stream().filter(file -> file.uploader().equals(uploader)).mapToLong(Attachment::size).sum();
    }

    @Override
    public boolean markReferenced(AttachmentId id) {
        Objects.requireNonNull(id, "id");
        return byId.computeIfPresent(id, (key, file) -> file.referenced()) != null;
    }

    @Override
    public void markUnreferenced(AttachmentId id, Instant since) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(since, "since");
        byId.computeIfPresent(id, (key, file) -> file.unreferencedFrom(since));
    }

    @Override
    public List<Attachment> unreferencedBefore(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return byId.values().stream()
                .filter(file -> !file.isReferenced() && file.unreferencedSince().isBefore(cutoff))
                .sorted(LONGEST_UNREFERENCED)
                .limit(limit)
                .toList();
    }

    @Override
    public boolean deleteIfUnreferencedBefore(AttachmentId id, Instant cutoff) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cutoff, "cutoff");
        AtomicBoolean deleted = new AtomicBoolean();
        byId.computeIfPresent(id, (key, file) -> {
            if (!file.isReferenced() && file.unreferencedSince().isBefore(cutoff)) {
                deleted.set(true);
                return null;
            }
            return file;
        });
        return deleted.get();
    }
}
