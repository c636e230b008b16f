package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final Instant SENT_AT = Instant.parse("2026-11-22T10:30:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final AttachmentRef SCAN = new AttachmentRef(AttachmentId.of("a_1"), "scan.png", "image/png", 1234);

    private final Message text = draft(MessageType.TEXT, "Hello doctor!", null, null).at(7);
    private final Message image = draft(MessageType.IMAGE, "my rash", SCAN, null).at(8);

    private static MessageDraft draft(MessageType type, String content, AttachmentRef attachment, CallSummary call) {
        return new MessageDraft(MessageId.of("m_1"), CONVERSATION, PATIENT, type, content, attachment,
                MessageId.of("m_0"), "client-1", SENT_AT, call);
    }

    @Test
    void a_stored_draft_takes_its_seq_and_starts_unedited_undeleted_and_without_reactions() {
        assertThat(text.seq()).isEqualTo(7);
        assertThat(text.id()).isEqualTo(MessageId.of("m_1"));
        assertThat(text.content()).isEqualTo("Hello doctor!");
        assertThat(text.replyTo()).isEqualTo(MessageId.of("m_0"));
        assertThat(text.clientMessageId()).isEqualTo("client-1");
        assertThat(text.createdAt()).isEqualTo(SENT_AT);
        assertThat(text.editedAt()).isNull();
        assertThat(text.deleted()).isFalse();
        assertThat(text.reactions()).isEqualTo(Reactions.NONE);
    }

    @Test
    void seq_starts_at_one() {
        assertThatThrownBy(() -> draft(MessageType.TEXT, "x", null, null).at(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_deleted_message_cannot_hold_content_attachment_or_reactions() {
        Reactions reactions = Reactions.NONE.with("👍", DOCTOR);
        assertThatThrownBy(() -> new Message(MessageId.of("m"), CONVERSATION, 1, PATIENT, MessageType.TEXT, "x", null,
                null, null, SENT_AT, null, true, Reactions.NONE, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(MessageId.of("m"), CONVERSATION, 1, PATIENT, MessageType.IMAGE, null, SCAN,
                null, null, SENT_AT, null, true, Reactions.NONE, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(MessageId.of("m"), CONVERSATION, 1, PATIENT, MessageType.TEXT, null, null,
                null, null, SENT_AT, null, true, reactions, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sender_edits_within_the_window_and_the_edit_is_dated() {
        Instant now = SENT_AT.plusSeconds(60);

        Message edited = text.edit(PATIENT, "Hello, doctor!", now, WINDOW);

        assertThat(edited.content()).isEqualTo("Hello, doctor!");
        assertThat(edited.editedAt()).isEqualTo(now);
        assertThat(edited.id()).isEqualTo(text.id());
        assertThat(edited.seq()).isEqualTo(text.seq());
        assertThat(edited.createdAt()).isEqualTo(SENT_AT);
        assertThat(text.content()).isEqualTo("Hello doctor!");
    }

    @Test
    void sender_may_edit_exactly_at_the_end_of_the_window() {
        Message edited = text.edit(PATIENT, "late but fine", SENT_AT.plus(WINDOW), WINDOW);

        assertThat(edited.content()).isEqualTo("late but fine");
    }

    @Test
    void sender_cannot_edit_after_the_window() {
        assertRefused(() -> text.edit(PATIENT, "too late", SENT_AT.plus(WINDOW).plusNanos(1), WINDOW), FailureKind.FORBIDDEN);
    }

    @Test
    void a_zero_edit_window_allows_no_later_edit() {
        assertRefused(() -> text.edit(PATIENT, "no", SENT_AT.plusMillis(1), Duration.ZERO), FailureKind.FORBIDDEN);
    }

    @Test
    void only_the_sender_may_edit_a_message() {
        assertRefused(() -> text.edit(DOCTOR, "forged", SENT_AT.plusSeconds(1), WINDOW), FailureKind.FORBIDDEN);
    }

    @Test
    void a_deleted_message_cannot_be_edited() {
        Message tombstone = text.delete(PATIENT);

        assertRefused(() -> tombstone.edit(PATIENT, "back", SENT_AT.plusSeconds(2), WINDOW), FailureKind.CONFLICT);
    }

    @Test
    void the_caption_of_an_attachment_message_may_be_edited_and_the_attachment_stays() {
        Message edited = image.edit(PATIENT, "my rash, day 2", SENT_AT.plusSeconds(5), WINDOW);

        assertThat(edited.content()).isEqualTo("my rash, day 2");
        assertThat(edited.attachment()).isEqualTo(SCAN);
    }

    @Test
    void call_and_system_messages_cannot_be_edited() {
        CallSummary summary = new CallSummary(CallId.of("call_1"), CallMedia.AUDIO, CallOutcome.COMPLETED, 30);
        Message call = draft(MessageType.CALL, null, null, summary).at(3);
        Message system = draft(MessageType.SYSTEM, "relationship ended", null, null).at(4);

        assertRefused(() -> call.edit(PATIENT, "x", SENT_AT.plusSeconds(1), WINDOW), FailureKind.CONFLICT);
        assertRefused(() -> system.edit(PATIENT, "x", SENT_AT.plusSeconds(1), WINDOW), FailureKind.CONFLICT);
    }

    @Test
    void editing_keeps_the_reactions() {
        Message reacted = text.react(DOCTOR, "👍");

        assertThat(reacted.edit(PATIENT, "new", SENT_AT.plusSeconds(1), WINDOW).reactions().has("👍", DOCTOR)).isTrue();
    }

    @Test
    void sender_deletes_a_message_leaving_a_tombstone_with_its_id_and_seq() {
        Message reacted = image.react(DOCTOR, "👍");

        Message tombstone = reacted.delete(PATIENT);

        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.content()).isNull();
        assertThat(tombstone.attachment()).isNull();
        assertThat(tombstone.reactions().isEmpty()).isTrue();
        assertThat(tombstone.id()).isEqualTo(image.id());
        assertThat(tombstone.seq()).isEqualTo(image.seq());
        assertThat(tombstone.conversationId()).isEqualTo(CONVERSATION);
        assertThat(tombstone.senderId()).isEqualTo(PATIENT);
        assertThat(tombstone.createdAt()).isEqualTo(SENT_AT);
        assertThat(tombstone.editedAt()).as("a deletion is not an edit").isNull();
    }

    @Test
    void only_the_sender_may_delete_a_message() {
        assertRefused(() -> text.delete(DOCTOR), FailureKind.FORBIDDEN);
    }

    @Test
    void deleting_a_deleted_message_again_changes_nothing() {
        Message tombstone = text.delete(PATIENT);

        assertThat(tombstone.delete(PATIENT)).isSameAs(tombstone);
    }

    @Test
    void the_sender_may_delete_after_the_edit_window() {
        assertThat(text.delete(PATIENT).deleted()).isTrue();
    }

    @Test
    void anyone_may_react_and_reactions_are_kept_per_emoji() {
        Message reacted = text.react(DOCTOR, "👍").react(PATIENT, "👍").react(DOCTOR, "❤️");

        assertThat(reacted.reactions().byEmoji())
                .containsExactly(Map.entry("👍", List.of(DOCTOR, PATIENT)), Map.entry("❤️", List.of(DOCTOR)));
    }

    @Test
    void reacting_twice_with_the_same_emoji_changes_nothing() {
        Message reacted = text.react(DOCTOR, "👍");

        assertThat(reacted.react(DOCTOR, "👍")).isSameAs(reacted);
    }

    @Test
    void removing_a_reaction_takes_away_only_that_persons_reaction() {
        Message reacted = text.react(DOCTOR, "👍").react(PATIENT, "👍");

        Message removed = reacted.unreact(DOCTOR, "👍");

        assertThat(removed.reactions().has("👍", DOCTOR)).isFalse();
        assertThat(removed.reactions().has("👍", PATIENT)).isTrue();
    }

    @Test
    void removing_the_last_reaction_of_an_emoji_drops_the_emoji() {
        Message removed = text.react(DOCTOR, "👍").unreact(DOCTOR, "👍");

        assertThat(removed.reactions().isEmpty()).isTrue();
        assertThat(removed).isEqualTo(text);
    }

    @Test
    void removing_a_reaction_that_is_not_there_changes_nothing() {
        Message reacted = text.react(DOCTOR, "👍");

        assertThat(reacted.unreact(PATIENT, "👍")).isSameAs(reacted);
        assertThat(reacted.unreact(DOCTOR, "❤️")).isSameAs(reacted);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n", "👍 ", " 👍", "👍\u00A0", "\u00A0", "\u2003", "\u3000",
            "\u0007", "👍\u0000", "\u007F", "\u0085", "\uD83D", "\uDC4D", "\u200B", "\uFE0F"})
    void an_invalid_emoji_is_refused_as_invalid(String emoji) {
        assertRefused(() -> text.react(DOCTOR, emoji), FailureKind.INVALID);
        assertRefused(() -> text.unreact(DOCTOR, emoji), FailureKind.INVALID);
    }

    @Test
    void an_emoji_longer_than_the_limit_is_refused_as_invalid() {
        String tooLong = "a".repeat(Reactions.MAX_EMOJI_LENGTH + 1);

        assertRefused(() -> text.react(DOCTOR, tooLong), FailureKind.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"👍", "❤️", "👍🏽", "🇫🇷", "👨‍👩‍👧‍👦", "1️⃣", "+1", "ok", "✔"})
    void real_emojis_including_sequences_are_accepted(String emoji) {
        assertThat(text.react(DOCTOR, emoji).reactions().has(emoji, DOCTOR)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"🫠", "🫶", "🥹", "🫨"})
    void emojis_newer_than_the_jdks_unicode_version_are_accepted(String emoji) {
        assertThat(text.react(DOCTOR, emoji).reactions().has(emoji, DOCTOR)).isTrue();
    }

    @Test
    void an_emoji_of_exactly_the_maximum_length_is_accepted() {
        String longest = "a".repeat(Reactions.MAX_EMOJI_LENGTH);

        assertThat(text.react(DOCTOR, longest).reactions().has(longest, DOCTOR)).isTrue();
    }

    @Test
    void a_deleted_message_takes_no_reactions() {
        Message tombstone = text.delete(PATIENT);

        assertRefused(() -> tombstone.react(DOCTOR, "👍"), FailureKind.CONFLICT);
    }

    @Test
    void removing_a_reaction_from_a_deleted_message_changes_nothing() {
        Message tombstone = text.react(DOCTOR, "👍").delete(PATIENT);

        assertThat(tombstone.unreact(DOCTOR, "👍")).isSameAs(tombstone);
    }

    @Test
    void a_message_takes_at_most_the_maximum_number_of_different_emojis() {
        Message full = text;
        for (int i = 0; i < Reactions.MAX_DISTINCT; i++) {
            full = full.react(DOCTOR, "e" + i);
        }
        Message atLimit = full;

        assertThat(atLimit.reactions().distinct()).isEqualTo(Reactions.MAX_DISTINCT);
        assertRefused(() -> atLimit.react(DOCTOR, "one-too-many"), FailureKind.CONFLICT);
    }

    @Test
    void at_the_limit_another_person_may_still_join_an_existing_emoji() {
        Message full = text;
        for (int i = 0; i < Reactions.MAX_DISTINCT; i++) {
            full = full.react(DOCTOR, "e" + i);
        }

        Message joined = full.react(PATIENT, "e0");

        assertThat(joined.reactions().has("e0", PATIENT)).isTrue();
        assertThat(joined.reactions().distinct()).isEqualTo(Reactions.MAX_DISTINCT);
    }
}
