package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.carechat.domain.attachment.FileType;
import org.junit.jupiter.api.Test;

class MessageTypeTest {

    @Test
    void every_type_parses_from_its_wire_name() {
        for (MessageType type : MessageType.values()) {
            assertThat(MessageType.parse(type.wireName())).contains(type);
        }
        assertThat(MessageType.TEXT.wireName()).isEqualTo("text");
    }

    @Test
    void unknown_or_missing_type_is_empty() {
        assertThat(MessageType.parse("sticker")).isEmpty();
        assertThat(MessageType.parse(null)).isEmpty();
    }

    @Test
    void clients_create_text_and_attachment_messages_only() {
        assertThat(MessageType.TEXT.clientMayCreate()).isTrue();
        assertThat(MessageType.IMAGE.clientMayCreate()).isTrue();
        assertThat(MessageType.FILE.clientMayCreate()).isTrue();
        assertThat(MessageType.AUDIO.clientMayCreate()).isTrue();
        assertThat(MessageType.VIDEO.clientMayCreate()).isTrue();
        assertThat(MessageType.CALL.clientMayCreate()).isFalse();
        assertThat(MessageType.SYSTEM.clientMayCreate()).isFalse();
    }

    @Test
    void only_image_file_audio_and_video_carry_attachments() {
        assertThat(MessageType.IMAGE.carriesAttachment()).isTrue();
        assertThat(MessageType.FILE.carriesAttachment()).isTrue();
        assertThat(MessageType.AUDIO.carriesAttachment()).isTrue();
        assertThat(MessageType.VIDEO.carriesAttachment()).isTrue();
        assertThat(MessageType.TEXT.carriesAttachment()).isFalse();
        assertThat(MessageType.CALL.carriesAttachment()).isFalse();
        assertThat(MessageType.SYSTEM.carriesAttachment()).isFalse();
    }

    @Test
    void each_attachment_type_accepts_its_family_and_file_accepts_any() {
        assertThat(MessageType.IMAGE.accepts("image/png")).isTrue();
        assertThat(MessageType.IMAGE.accepts("image/webp")).isTrue();
        assertThat(MessageType.IMAGE.accepts("application/pdf")).isFalse();
        assertThat(MessageType.AUDIO.accepts("audio/ogg")).isTrue();
        assertThat(MessageType.AUDIO.accepts("audio/webm")).isTrue();
        assertThat(MessageType.AUDIO.accepts("audio/aac")).isTrue();
        assertThat(MessageType.AUDIO.accepts("video/mp4")).as("a voice note in an MP4 container").isTrue();
        assertThat(MessageType.AUDIO.accepts("video/webm")).as("a WebM with video is told apart now").isFalse();
        assertThat(MessageType.AUDIO.accepts("video/quicktime")).isFalse();
        assertThat(MessageType.VIDEO.accepts("video/webm")).isTrue();
        assertThat(MessageType.VIDEO.accepts("video/quicktime")).isTrue();
        assertThat(MessageType.VIDEO.accepts("video/x-ms-wmv")).isTrue();
        assertThat(MessageType.VIDEO.accepts("audio/webm")).isFalse();
        assertThat(MessageType.VIDEO.accepts("image/gif")).isFalse();
        assertThat(MessageType.FILE.accepts("application/pdf")).isTrue();
        assertThat(MessageType.FILE.accepts("image/jpeg")).isTrue();
        assertThat(MessageType.FILE.accepts("application/vnd.ms-powerpoint")).isTrue();
        assertThat(MessageType.TEXT.accepts("text/plain")).isFalse();
    }

    @Test
    void svg_is_active_content_and_goes_only_in_a_file_message() {
        assertThat(MessageType.IMAGE.accepts("image/svg+xml")).isFalse();
        assertThat(MessageType.FILE.accepts("image/svg+xml")).isTrue();
    }

    @Test
    void documents_go_only_in_file_messages() {
        for (FileType type : FileType.values()) {
            if (type.family() == FileType.Family.DOCUMENT) {
                assertThat(MessageType.IMAGE.accepts(type)).as(type.name()).isFalse();
                assertThat(MessageType.AUDIO.accepts(type)).as(type.name()).isFalse();
                assertThat(MessageType.VIDEO.accepts(type)).as(type.name()).isFalse();
            }
        }
    }

    @Test
    void every_accepted_file_type_fits_a_file_message_and_exactly_the_message_types_of_its_family() {
        for (FileType type : FileType.values()) {
            assertThat(MessageType.FILE.accepts(type)).as(type.name()).isTrue();
            assertThat(MessageType.TEXT.accepts(type) || MessageType.CALL.accepts(type) || MessageType.SYSTEM.accepts(type))
                    .as(type.name()).isFalse();
            switch (type.family()) {
                case IMAGE -> assertThat(MessageType.IMAGE.accepts(type)).isEqualTo(!type.isActiveContent());
                case AUDIO -> assertThat(MessageType.AUDIO.accepts(type)).isTrue();
                case VIDEO -> assertThat(MessageType.VIDEO.accepts(type)).isTrue();
                case DOCUMENT -> assertThat(MessageType.IMAGE.accepts(type)).isFalse();
            }
        }
    }

    @Test
    void a_stored_type_carechat_does_not_know_fits_a_file_message_only() {
        assertThat(MessageType.FILE.accepts("application/x-unknown")).isTrue();
        assertThat(MessageType.IMAGE.accepts("image/x-unknown")).isFalse();
    }
}
