package org.carechat.domain.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class AttachmentTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void recipients_see_the_id_name_type_and_size_of_an_attachment() {
        Attachment attachment = new Attachment(AttachmentId.of("a_1"), UserId.of("p1"), "lab.pdf", "application/pdf", 81234, T0);

        assertThat(attachment.ref()).isEqualTo(new AttachmentRef(AttachmentId.of("a_1"), "lab.pdf", "application/pdf", 81234));
    }

    @Test
    void an_attachment_has_a_name_a_type_and_a_non_negative_size() {
        AttachmentId id = AttachmentId.of("a_1");
        UserId uploader = UserId.of("p1");
        assertThatThrownBy(() -> new Attachment(id, uploader, " ", "application/pdf", 1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attachment(id, uploader, "x", "", 1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attachment(id, uploader, "x", "application/pdf", -1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attachment(id, null, "x", "application/pdf", 1, T0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_fresh_upload_is_unreferenced_since_it_was_made_until_a_message_carries_it() {
        Attachment fresh = new Attachment(AttachmentId.of("a_1"), UserId.of("p1"), "lab.pdf", "application/pdf", 1, T0);

        assertThat(fresh.isReferenced()).isFalse();
        assertThat(fresh.unreferencedSince()).isEqualTo(T0);
        assertThat(fresh.referenced().isReferenced()).isTrue();
        assertThat(fresh.referenced().unreferencedSince()).isNull();
        assertThat(fresh.referenced().unreferencedFrom(T0.plusSeconds(60)).unreferencedSince()).isEqualTo(T0.plusSeconds(60));
        assertThat(fresh.referenced().ref()).isEqualTo(fresh.ref());
    }
}
