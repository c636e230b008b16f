package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

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
    void each_attachment_type_accepts_its_mime_family_and_file_accepts_any() {
        assertThat(MessageType.IMAGE.accepts("image/png")).isTrue();
        assertThat(MessageType.IMAGE.accepts("application/pdf")).isFalse();
        assertThat(MessageType.AUDIO.accepts("audio/ogg")).isTrue();
        assertThat(MessageType.AUDIO.accepts("video/mp4")).as("a voice note in an MP4 container").isTrue();
        assertThat(MessageType.AUDIO.accepts("video/quicktime")).isFalse();
        assertThat(MessageType.VIDEO.accepts("video/webm")).isTrue();
        assertThat(MessageType.VIDEO.accepts("image/gif")).isFalse();
        assertThat(MessageType.FILE.accepts("application/pdf")).isTrue();
        assertThat(MessageType.FILE.accepts("image/jpeg")).isTrue();
        assertThat(MessageType.TEXT.accepts("text/plain")).isFalse();
    }
}
