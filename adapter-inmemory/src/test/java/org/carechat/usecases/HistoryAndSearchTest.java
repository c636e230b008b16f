package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.ReadHistoryUseCase.HistoryPage;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.application.messaging.SearchMessagesUseCase.SearchMessages;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageStatus;
import org.carechat.domain.message.MessageView;
import org.junit.jupiter.api.Test;

/** History pages by seq, and search within one's own conversations. */
final class HistoryAndSearchTest {
    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);

    @Test
    void pages_before_a_seq_go_newest_first() {
        sendFromAda(7);

        HistoryPage newest = read(fx.alice, null, null, 3);
        HistoryPage older = read(fx.alice, 5L, null, 3);
        HistoryPage oldest = read(fx.alice, 2L, null, 3);

        assertThat(seqs(newest)).containsExactly(7L, 6L, 5L);
        assertThat(newest.hasMore()).isTrue();
        assertThat(seqs(older)).containsExactly(4L, 3L, 2L);
        assertThat(older.hasMore()).isTrue();
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.hasMore()).isFalse();
        assertThat(newest.conversationId()).isEqualTo(conversation);
    }

    @Test
    void pages_after_a_seq_go_oldest_first() {
        sendFromAda(7);

        HistoryPage first = read(fx.ada, null, 0L, 3);
        HistoryPage last = read(fx.ada, null, 6L, 3);
        HistoryPage beyond = read(fx.ada, null, 7L, 3);

        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.hasMore()).isTrue();
        assertThat(seqs(last)).containsExactly(7L);
        assertThat(last.hasMore()).isFalse();
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.hasMore()).isFalse();
    }

    @Test
    void a_page_holding_exactly_the_rest_has_no_more() {
        sendFromAda(6);

        assertThat(read(fx.alice, null, 3L, 3).hasMore()).isFalse();
        assertThat(read(fx.alice, 4L, null, 3).hasMore()).isFalse();
        assertThat(read(fx.alice, null, null, 6).hasMore()).isFalse();
    }

    @Test
    void the_limit_defaults_to_fifty_and_is_capped_at_one_hundred() {
        sendFromAda(120);

        HistoryPage byDefault = read(fx.alice, null, null, null);
        HistoryPage greedy = read(fx.alice, null, 0L, 10_000);

        assertThat(byDefault.items()).hasSize(50);
        assertThat(seqs(byDefault).get(0)).isEqualTo(120L);
        assertThat(greedy.items()).hasSize(100);
        assertThat(greedy.hasMore()).isTrue();
        assertThat(seqs(greedy).get(99)).isEqualTo(100L);
    }

    @Test
    void the_cap_comes_from_the_settings() {
        ChatFixture small = ChatFixture.create(settings -> settings.withMaxPageLimit(5));
        ConversationId withAda = small.open(small.alice, small.ada);
        for (int i = 0; i < 8; i++) {
            small.send(small.ada, withAda, "m" + i);
        }

        HistoryPage page = ok(small.core.readHistory().read(new ReadHistory(small.alice, withAda, null, null, 50)));

        assertThat(page.items()).hasSize(5);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void a_limit_below_one_is_invalid() {
        sendFromAda(2);

        assertThat(failure(tryRead(fx.alice, null, null, 0)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(tryRead(fx.alice, null, 0L, -5)).kind()).isEqualTo(FailureKind.INVALID);
    }

    @Test
    void before_and_after_together_are_invalid() {
        sendFromAda(5);

        assertThat(failure(tryRead(fx.alice, 4L, 1L, 10)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(tryRead(fx.alice, -1L, null, 10)).kind()).isEqualTo(FailureKind.INVALID);
    }

    @Test
    void history_shows_each_message_with_its_status_for_its_sender() {
        Message mine = fx.send(fx.alice, conversation, "Question");

        MessageView seen = read(fx.alice, null, null, 10).items().get(0);

        assertThat(seen.message()).isEqualTo(mine);
        assertThat(seen.status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void search_finds_only_messages_of_my_own_conversations() {
        fx.send(fx.alice, conversation, "My blood pressure was 150/95");
        ConversationId bobAndBen = fx.open(fx.bob, fx.ben);
        fx.send(fx.bob, bobAndBen, "Blood pressure fine today");
        fx.send(fx.ben, bobAndBen, "Keep measuring your blood pressure");

        List<MessageView> alices = search(fx.alice, "pressure");
        List<MessageView> bens = search(fx.ben, "pressure");

        assertThat(alices).extracting(view -> view.message().conversationId()).containsExactly(conversation);
        assertThat(bens).extracting(view -> view.message().conversationId()).containsOnly(bobAndBen).hasSize(2);
        assertThat(search(fx.carol, "pressure")).isEmpty();
        assertThat(search(fx.nora, "pressure")).isEmpty();
    }

    @Test
    void search_ignores_case() {
        fx.send(fx.alice, conversation, "Blood Pressure readings attached");

        assertThat(search(fx.ada, "BLOOD pressure")).hasSize(1);
        assertThat(search(fx.ada, "readings ATTACHED")).hasSize(1);
        assertThat(search(fx.ada, "sugar")).isEmpty();
    }

    @Test
    void search_lists_newest_first_across_conversations() {
        ConversationId withNora = fx.open(fx.alice, fx.nora);
        Message first = fx.send(fx.alice, conversation, "fever 38.5 this morning");
        fx.time.advance(Duration.ofMinutes(1));
        Message second = fx.send(fx.nora, withNora, "Any fever since?");
        fx.time.advance(Duration.ofMinutes(1));
        Message third = fx.send(fx.ada, conversation, "The fever should go down");

        assertThat(search(fx.alice, "fever")).extracting(MessageView::message).containsExactly(third, second, first);
        assertThat(ok(fx.core.searchMessages().search(new SearchMessages(fx.alice, "fever", 2))))
                .extracting(MessageView::message).containsExactly(third, second);
    }

    @Test
    void search_leaves_deleted_messages_out() {
        Message deleted = fx.send(fx.alice, conversation, "private diagnosis, wrong chat");
        Message kept = fx.send(fx.alice, conversation, "the diagnosis is confirmed");
        ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, deleted.id())));

        assertThat(search(fx.alice, "diagnosis")).extracting(MessageView::message).containsExactly(kept);
        assertThat(search(fx.ada, "diagnosis")).extracting(view -> view.message().id()).containsExactly(kept.id());
    }

    @Test
    void search_needs_a_query_and_a_positive_limit() {
        assertThat(failure(fx.core.searchMessages().search(new SearchMessages(fx.alice, "  ", null))).kind())
                .isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.core.searchMessages().search(new SearchMessages(fx.alice, null, null))).kind())
                .isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.core.searchMessages().search(new SearchMessages(fx.alice, "x", 0))).kind())
                .isEqualTo(FailureKind.INVALID);
    }

    private void sendFromAda(int count) {
        for (int i = 1; i <= count; i++) {
            fx.send(fx.ada, conversation, "Message " + i);
        }
    }

    private Result<HistoryPage> tryRead(Actor reader, Long before, Long after, Integer limit) {
        return fx.core.readHistory().read(new ReadHistory(reader, conversation, before, after, limit));
    }

    private HistoryPage read(Actor reader, Long before, Long after, Integer limit) {
        return ok(tryRead(reader, before, after, limit));
    }

    private List<MessageView> search(Actor actor, String query) {
        return ok(fx.core.searchMessages().search(new SearchMessages(actor, query, null)));
    }

    private static List<Long> seqs(HistoryPage page) {
        return page.items().stream().map(view -> view.message().seq()).toList();
    }
}
