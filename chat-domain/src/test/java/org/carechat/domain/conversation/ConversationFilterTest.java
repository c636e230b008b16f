package org.carechat.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class ConversationFilterTest {
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void no_filter_means_all() {
        assertThat(ConversationFilter.parse(null)).contains(ConversationFilter.ALL);
        assertThat(ConversationFilter.parse("")).contains(ConversationFilter.ALL);
        assertThat(ConversationFilter.parse("  ")).contains(ConversationFilter.ALL);
    }

    @Test
    void filter_names_ignore_case_and_spaces() {
        assertThat(ConversationFilter.parse("unread")).contains(ConversationFilter.UNREAD);
        assertThat(ConversationFilter.parse(" Pinned ")).contains(ConversationFilter.PINNED);
        assertThat(ConversationFilter.parse("ALL")).contains(ConversationFilter.ALL);
    }

    @Test
    void unknown_filter_is_empty() {
        assertThat(ConversationFilter.parse("muted")).isEmpty();
    }

    @Test
    void unread_accepts_only_conversations_with_unread_messages_for_the_viewer() {
        Conversation conversation = Conversation.direct(ConversationId.of("c1"), PATIENT, DOCTOR, T0)
                .withMessage(1, DOCTOR, T0.plusSeconds(1));

        assertThat(ConversationFilter.UNREAD.accepts(conversation, PATIENT)).isTrue();
        assertThat(ConversationFilter.UNREAD.accepts(conversation, DOCTOR)).isFalse();
        assertThat(ConversationFilter.ALL.accepts(conversation, DOCTOR)).isTrue();
    }

    @Test
    void pinned_accepts_only_conversations_the_viewer_pinned() {
        Conversation conversation = Conversation.direct(ConversationId.of("c1"), PATIENT, DOCTOR, T0).pinnedBy(PATIENT, true);

        assertThat(ConversationFilter.PINNED.accepts(conversation, PATIENT)).isTrue();
        assertThat(ConversationFilter.PINNED.accepts(conversation, DOCTOR)).isFalse();
    }
}
