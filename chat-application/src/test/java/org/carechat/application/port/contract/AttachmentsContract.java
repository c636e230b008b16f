package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.carechat.application.port.Attachments;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** What every {@link Attachments} store promises: the metadata of an upload found again by its id, exactly. */
public abstract class AttachmentsContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");

    /** A fresh, empty store for each test. */
    protected abstract Attachments create();

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

        attachments.save(lab);
        attachments.save(empty);

        assertThat(attachments.find(lab.id())).contains(lab);
        assertThat(attachments.find(empty.id())).contains(empty);
        assertThat(attachments.find(AttachmentId.of("a_3"))).isEmpty();
    }
}
