package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.carechat.application.port.Attachments;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Attachments} store promises: the metadata of an upload found again by its id, exactly; the
 * bytes each uploader stores; and the files no message carries, listed longest unreferenced first and deleted
 * only while still unreferenced, atomically with a message taking the file.
 */
public abstract class AttachmentsContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");

    /** A fresh, empty store for each test. */
    protected abstract Attachments create();

    private static Attachment file(String id, UserId uploader, long size, Instant createdAt) {
        return new Attachment(AttachmentId.of(id), uploader, id + ".pdf", "application/pdf", size, createdAt);
    }

    @Test
    void find_of_an_unknown_attachment_is_empty() {
        Attachments attachments = create();

        assertThat(attachments.find(AttachmentId.of("a_unknown"))).isEmpty();
    }

    @Test
    void saved_attachment_round_trips_every_field() {
        Attachments attachments = create();
        Attachment lab = new Attachment(AttachmentId.of("a_1"), UserId.of("p1"), "Laborbefund März (2).pdf",
                "application/pdf", 52_428_800L, T0);
        Attachment empty = new Attachment(AttachmentId.of("a_2"), UserId.of("d1"), "x-ray 🦴.png", "image/png", 0,
                T0.plusMillis(1));
        Attachment sent = new Attachment(AttachmentId.of("a_4"), UserId.of("d1"), "clip.mov", "video/quicktime", 10,
                T0, null);
        Attachment released = new Attachment(AttachmentId.of("a_5"), UserId.of("p1"), "notes.txt", "text/plain", 3,
                T0, T0.plusSeconds(3600));

        attachments.save(lab);
        attachments.save(empty);
        attachments.save(sent);
        attachments.save(released);

        assertThat(attachments.find(lab.id())).contains(lab);
        assertThat(attachments.find(lab.id()).orElseThrow().unreferencedSince()).isEqualTo(T0);
        assertThat(attachments.find(empty.id())).contains(empty);
        assertThat(attachments.find(sent.id())).contains(sent);
        assertThat(attachments.find(released.id())).contains(released);
        assertThat(attachments.find(AttachmentId.of("a_3"))).isEmpty();
    }

    @Test
    void saving_again_replaces_the_metadata() {
        Attachments attachments = create();
        Attachment lab = file("a_1", PATIENT, 100, T0);

        attachments.save(lab);
        attachments.save(lab.referenced());

        assertThat(attachments.find(lab.id())).contains(lab.referenced());
        assertThat(attachments.storedBytes(PATIENT)).isEqualTo(100);
    }

    @Test
    void stored_bytes_are_the_sizes_of_the_uploaders_files_whether_sent_or_not() {
        Attachments attachments = create();
        attachments.save(file("a_1", PATIENT, 1_000, T0));
        attachments.save(file("a_2", PATIENT, 52_428_800L, T0).referenced());
        attachments.save(file("a_3", DOCTOR, 7, T0));
        attachments.save(file("a_4", PATIENT, 0, T0));

        assertThat(attachments.storedBytes(PATIENT)).isEqualTo(52_429_800L);
        assertThat(attachments.storedBytes(DOCTOR)).isEqualTo(7);
        assertThat(attachments.storedBytes(UserId.of("nobody"))).isZero();
    }

    @Test
    void mark_referenced_takes_the_file_out_of_the_unreferenced_and_answers_whether_it_exists() {
        Attachments attachments = create();
        Attachment lab = file("a_1", PATIENT, 100, T0);
        attachments.save(lab);

        assertThat(attachments.markReferenced(lab.id())).isTrue();
        assertThat(attachments.markReferenced(lab.id())).as("again").isTrue();
        assertThat(attachments.markReferenced(AttachmentId.of("a_unknown"))).isFalse();

        assertThat(attachments.find(lab.id())).contains(lab.referenced());
        assertThat(attachments.find(AttachmentId.of("a_unknown"))).isEmpty();
        assertThat(attachments.unreferencedBefore(T0.plus(Duration.ofDays(365)), 10)).isEmpty();
    }

    @Test
    void mark_unreferenced_records_since_when_no_message_carries_the_file() {
        Attachments attachments = create();
        Attachment lab = file("a_1", PATIENT, 100, T0).referenced();
        attachments.save(lab);
        Instant deletedAt = T0.plus(Duration.ofDays(3)).plusMillis(7);

        attachments.markUnreferenced(lab.id(), deletedAt);
        attachments.markUnreferenced(AttachmentId.of("a_unknown"), deletedAt);

        assertThat(attachments.find(lab.id())).contains(lab.unreferencedFrom(deletedAt));
        assertThat(attachments.find(AttachmentId.of("a_unknown"))).isEmpty();
    }

    @Test
    void unreferenced_files_are_listed_longest_unreferenced_first_before_the_cutoff_up_to_the_limit() {
        Attachments attachments = create();
        Attachment oldest = file("a_3", PATIENT, 1, T0.minusSeconds(300));
        Attachment older = file("a_1", DOCTOR, 1, T0.minusSeconds(200));
        Attachment old = file("a_2", PATIENT, 1, T0.minusMillis(1));
        Attachment atCutoff = file("a_4", PATIENT, 1, T0);
        Attachment recent = file("a_5", PATIENT, 1, T0.plusSeconds(1));
        Attachment sentLongAgo = file("a_6", PATIENT, 1, T0.minusSeconds(900)).referenced();
        Attachment releasedLongAgo = file("a_7", PATIENT, 1, T0.minusSeconds(900)).unreferencedFrom(T0.minusSeconds(250));
        for (Attachment file : List.of(recent, old, sentLongAgo, atCutoff, older, releasedLongAgo, oldest)) {
            attachments.save(file);
        }

        assertThat(attachments.unreferencedBefore(T0, 100))
                .containsExactly(oldest, releasedLongAgo, older, old);
        assertThat(attachments.unreferencedBefore(T0, 2)).containsExactly(oldest, releasedLongAgo);
        assertThat(attachments.unreferencedBefore(T0.minusSeconds(1000), 100)).isEmpty();
    }

    @Test
    void a_file_is_deleted_only_while_it_is_unreferenced_since_before_the_cutoff() {
        Attachments attachments = create();
        Attachment due = file("a_1", PATIENT, 100, T0.minusSeconds(60));
        Attachment notYet = file("a_2", PATIENT, 200, T0);
        Attachment sent = file("a_3", PATIENT, 400, T0.minusSeconds(60)).referenced();
        for (Attachment file : List.of(due, notYet, sent)) {
            attachments.save(file);
        }

        assertThat(attachments.deleteIfUnreferencedBefore(notYet.id(), T0)).isFalse();
        assertThat(attachments.deleteIfUnreferencedBefore(sent.id(), T0)).isFalse();
        assertThat(attachments.deleteIfUnreferencedBefore(AttachmentId.of("a_unknown"), T0)).isFalse();
        assertThat(attachments.deleteIfUnreferencedBefore(due.id(), T0)).isTrue();
        assertThat(attachments.deleteIfUnreferencedBefore(due.id(), T0)).as("gone already").isFalse();

        assertThat(attachments.find(due.id())).isEmpty();
        assertThat(attachments.find(notYet.id())).contains(notYet);
        assertThat(attachments.find(sent.id())).contains(sent);
        assertThat(attachments.storedBytes(PATIENT)).isEqualTo(600);
        assertThat(attachments.markReferenced(due.id())).as("a deleted file cannot be taken").isFalse();
    }

    @Test
    void a_file_taken_by_a_message_while_it_is_being_deleted_either_stays_referenced_or_is_gone_never_both()
            throws Exception {
        Attachments attachments = create();
        int files = 40;
        for (int i = 0; i < files; i++) {
            attachments.save(file("a_race_" + i, PATIENT, 1, T0.minusSeconds(60)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < files; i++) {
                AttachmentId id = AttachmentId.of("a_race_" + i);
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> taken = pool.submit(() -> {
                    start.await();
                    return attachments.markReferenced(id);
                });
                Future<Boolean> deleted = pool.submit(() -> {
                    start.await();
                    return attachments.deleteIfUnreferencedBefore(id, T0);
                });
                start.countDown();
                boolean wasTaken = taken.get(10, TimeUnit.SECONDS);
                boolean wasDeleted = deleted.get(10, TimeUnit.SECONDS);

                assertThat(wasTaken).as("%s: exactly one of taken and deleted", id).isNotEqualTo(wasDeleted);
                assertThat(attachments.find(id).isPresent()).as("%s exists", id).isEqualTo(wasTaken);
                if (wasTaken) {
                    assertThat(attachments.find(id).orElseThrow().isReferenced()).isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Attachment> left = new ArrayList<>(attachments.unreferencedBefore(T0, 100));
        assertThat(left).isEmpty();
    }
}
