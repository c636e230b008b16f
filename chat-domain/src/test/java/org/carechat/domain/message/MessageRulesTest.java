package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.time.Duration;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageRulesTest {
    private final MessageRules rules = MessageRules.standard();
    private final MessageRules tiny = new MessageRules(3, Duration.ofMinutes(1));

    private static AttachmentRef file(String mimeType) {
        return new AttachmentRef(AttachmentId.of("a_1"), "file", mimeType, 100);
    }

    @Test
    void standard_rules_allow_4000_characters_and_edits_for_15_minutes() {
        assertThat(rules.maxTextLength()).isEqualTo(4000);
        assertThat(rules.editWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void text_is_stored_trimmed() {
        assertThat(rules.checkContent(MessageType.TEXT, "  Hello doctor!\n", null)).isEqualTo("Hello doctor!");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\n\t ", "\r\n"})
    void blank_text_is_refused(String content) {
        assertRefused(() -> rules.checkContent(MessageType.TEXT, content, null), FailureKind.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u200B", "\u00A0\u200B\u2060 ", "\uFEFF"})
    void text_of_only_invisible_characters_is_blank(String content) {
        assertRefused(() -> rules.checkContent(MessageType.TEXT, content, null), FailureKind.INVALID);
    }

    @Test
    void an_audio_message_takes_a_voice_note_in_a_webm_or_mp4_container() {
        assertThat(rules.checkContent(MessageType.AUDIO, null, file("audio/webm"))).isNull();
        assertThat(rules.checkContent(MessageType.AUDIO, null, file("video/mp4"))).isNull();
        assertRefused(() -> rules.checkContent(MessageType.AUDIO, null, file("video/webm")), FailureKind.INVALID);
        assertRefused(() -> rules.checkContent(MessageType.AUDIO, null, file("image/png")), FailureKind.INVALID);
    }

    @Test
    void text_of_exactly_the_maximum_length_is_accepted() {
        String longest = "a".repeat(4000);

        assertThat(rules.checkContent(MessageType.TEXT, longest, null)).isEqualTo(longest);
    }

    @Test
    void text_one_character_over_the_maximum_is_refused() {
        assertRefused(() -> rules.checkContent(MessageType.TEXT, "a".repeat(4001), null), FailureKind.INVALID);
    }

    @Test
    void surrounding_spaces_do_not_count_towards_the_maximum() {
        String padded = "   " + "a".repeat(4000) + "   ";

        assertThat(rules.checkContent(MessageType.TEXT, padded, null)).hasSize(4000);
    }

    @Test
    void an_emoji_counts_as_one_character() {
        assertThat(tiny.checkContent(MessageType.TEXT, "👍👍👍", null)).isEqualTo("👍👍👍");
        assertRefused(() -> tiny.checkContent(MessageType.TEXT, "👍👍👍👍", null), FailureKind.INVALID);
        assertThat(rules.checkContent(MessageType.TEXT, "😀".repeat(4000), null)).hasSize(8000);
    }

    @Test
    void a_text_message_carries_no_attachment() {
        assertRefused(() -> rules.checkContent(MessageType.TEXT, "see file", file("application/pdf")), FailureKind.INVALID);
    }

    @Test
    void an_image_message_carries_an_image() {
        assertThat(rules.checkContent(MessageType.IMAGE, "my rash", file("image/jpeg"))).isEqualTo("my rash");
        assertRefused(() -> rules.checkContent(MessageType.IMAGE, null, file("application/pdf")), FailureKind.INVALID);
        assertRefused(() -> rules.checkContent(MessageType.IMAGE, null, file("video/mp4")), FailureKind.INVALID);
    }

    @Test
    void an_audio_message_carries_audio() {
        assertThat(rules.checkContent(MessageType.AUDIO, null, file("audio/ogg"))).isNull();
        assertRefused(() -> rules.checkContent(MessageType.AUDIO, null, file("image/png")), FailureKind.INVALID);
    }

    @Test
    void a_video_message_carries_video() {
        assertThat(rules.checkContent(MessageType.VIDEO, null, file("video/mp4"))).isNull();
        assertRefused(() -> rules.checkContent(MessageType.VIDEO, null, file("audio/mpeg")), FailureKind.INVALID);
    }

    @Test
    void a_file_message_carries_any_allowed_file() {
        assertThat(rules.checkContent(MessageType.FILE, "lab results", file("application/pdf"))).isEqualTo("lab results");
        assertThat(rules.checkContent(MessageType.FILE, null, file("image/png"))).isNull();
        assertThat(rules.checkContent(MessageType.FILE, null, file("audio/wav"))).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"IMAGE", "FILE", "AUDIO", "VIDEO"})
    void an_attachment_message_needs_an_attachment(MessageType type) {
        assertRefused(() -> rules.checkContent(type, "caption only", null), FailureKind.INVALID);
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"CALL", "SYSTEM"})
    void clients_cannot_write_call_or_system_messages(MessageType type) {
        assertRefused(() -> rules.checkContent(type, "fake", null), FailureKind.INVALID);
        assertRefused(() -> rules.checkContent(type, "fake", file("image/png")), FailureKind.INVALID);
    }

    @Test
    void a_caption_is_optional_and_a_blank_one_is_none() {
        assertThat(rules.checkContent(MessageType.IMAGE, null, file("image/png"))).isNull();
        assertThat(rules.checkContent(MessageType.IMAGE, "   ", file("image/png"))).isNull();
        assertThat(rules.checkContent(MessageType.IMAGE, " rash ", file("image/png"))).isEqualTo("rash");
    }

    @Test
    void a_caption_follows_the_text_length_limit() {
        assertThat(tiny.checkContent(MessageType.IMAGE, "abc", file("image/png"))).isEqualTo("abc");
        assertRefused(() -> tiny.checkContent(MessageType.IMAGE, "abcd", file("image/png")), FailureKind.INVALID);
    }

    @Test
    void an_edited_text_must_not_be_blank_but_a_caption_may_be_cleared() {
        assertRefused(() -> rules.checkEdit(MessageType.TEXT, "  "), FailureKind.INVALID);
        assertThat(rules.checkEdit(MessageType.IMAGE, "  ")).isNull();
        assertThat(rules.checkEdit(MessageType.TEXT, " fixed ")).isEqualTo("fixed");
    }

    @Test
    void an_edit_follows_the_length_limit() {
        assertThat(tiny.checkEdit(MessageType.TEXT, "abc")).isEqualTo("abc");
        assertRefused(() -> tiny.checkEdit(MessageType.TEXT, "abcd"), FailureKind.INVALID);
        assertRefused(() -> tiny.checkEdit(MessageType.FILE, "abcd"), FailureKind.INVALID);
    }

    @Test
    void client_message_id_is_optional() {
        assertThat(rules.checkClientMessageId(null)).isNull();
    }

    @Test
    void client_message_id_is_kept_as_given() {
        assertThat(rules.checkClientMessageId("7f1c-42")).isEqualTo("7f1c-42");
        assertThat(rules.checkClientMessageId("a".repeat(64))).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "abc\n", "a\u0000b", "\u007F"})
    void client_message_id_must_be_printable_and_not_blank(String clientMessageId) {
        assertRefused(() -> rules.checkClientMessageId(clientMessageId), FailureKind.INVALID);
    }

    @Test
    void client_message_id_has_at_most_64_characters() {
        assertRefused(() -> rules.checkClientMessageId("a".repeat(65)), FailureKind.INVALID);
    }

    @Test
    void rules_need_a_positive_length_and_a_non_negative_window() {
        assertThatThrownBy(() -> new MessageRules(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageRules(10, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MessageRules(1, Duration.ZERO).editWindow()).isZero();
    }
}
