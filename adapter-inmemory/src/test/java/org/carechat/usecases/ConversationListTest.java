package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.conversation.ListConversationsUseCase.ConversationPage;
import org.carechat.application.conversation.ListConversationsUseCase.ListConversations;
import org.carechat.application.conversation.SetPinnedUseCase.SetPinned;
import org.carechat.application.messaging.MarkReadUseCase.MarkRead;
import org.carechat.domain.conversation.ConversationFilter;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.event.ChatEvent.ConversationUpdated;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Dr. Ada's conversation list: order, filters, search by name, and paging by cursor. */
final class ConversationListTest {
    private final ChatFixture fx = ChatFixture.create();
    private final List<Actor> patients = new ArrayList<>();
    /** Ada's conversations with her patients, the oldest activity first. */
    private final List<ConversationId> byActivity = new ArrayList<>();

    ConversationListTest() {
        String[] names = {"Alice Martin", "Paul Newman", "Greta Hall", "Ivan Petrov", "Zoe Quinn", "Omar Haddad", "Lena Park"};
        for (int i = 0; i < names.length; i++) {
            Actor patient = i == 0 ? fx.alice : Actor.of(UserId.of("p_" + i), Role.PATIENT);
            if (i > 0) {
                fx.upsert(patient, names[i], "patient", null);
                fx.relate(patient, fx.ada, null);
            }
            patients.add(patient);
            ConversationId conversation = fx.open(patient, fx.ada);
            fx.send(patient, conversation, "Hello doctor, this is " + names[i]);
            byActivity.add(conversation);
            fx.time.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void pinned_conversations_come_first_then_the_most_recently_active() {
        ok(fx.core.setPinned().setPinned(new SetPinned(fx.ada, byActivity.get(1), true)));
        ok(fx.core.setPinned().setPinned(new SetPinned(fx.ada, byActivity.get(4), true)));
        fx.send(fx.ada, byActivity.get(0), "Your results are in");

        List<ConversationId> listed = ids(list(null, null, null, 50));

        assertThat(listed).containsExactly(byActivity.get(4), byActivity.get(1), byActivity.get(0), byActivity.get(6),
                byActivity.get(5), byActivity.get(3), byActivity.get(2));
        assertThat(ids(ok(fx.core.listConversations().list(new ListConversations(fx.alice, null, null, null, null)))))
                .as("pins are personal").containsExactly(byActivity.get(0));
    }

    @Test
    void the_unread_filter_shows_only_conversations_with_something_unread_for_me() {
        ok(fx.core.markRead().markRead(new MarkRead(fx.ada, byActivity.get(2), null)));
        ok(fx.core.markRead().markRead(new MarkRead(fx.ada, byActivity.get(5), null)));
        fx.send(fx.ada, byActivity.get(3), "Replying reads it too");

        List<ConversationView> unread = list(ConversationFilter.UNREAD, null, null, 50).items();

        assertThat(unread).extracting(view -> view.conversation().id())
                .containsExactly(byActivity.get(6), byActivity.get(4), byActivity.get(1), byActivity.get(0));
        assertThat(unread).allSatisfy(view -> assertThat(view.unreadCount()).isEqualTo(1));
        assertThat(list(ConversationFilter.UNREAD, null, null, null).items()).hasSize(4);
        assertThat(ok(fx.core.listConversations().list(new ListConversations(fx.alice, ConversationFilter.UNREAD, null, null, null)))
                .items()).isEmpty();
    }

    @Test
    void the_pinned_filter_shows_only_my_pinned_conversations() {
        ok(fx.core.setPinned().setPinned(new SetPinned(fx.ada, byActivity.get(2), true)));

        assertThat(ids(list(ConversationFilter.PINNED, null, null, null))).containsExactly(byActivity.get(2));

        ok(fx.core.setPinned().setPinned(new SetPinned(fx.ada, byActivity.get(2), false)));

        assertThat(list(ConversationFilter.PINNED, null, null, null).items()).isEmpty();
    }

    @Test
    void pinning_updates_my_other_sessions() {
        Actor adaDesk = fx.connect(fx.ada, "desk");
        Actor adaMobile = fx.connect(fx.ada, "mobile");
        Actor aliceSession = fx.connect(fx.alice, "phone");

        ConversationView pinned = ok(fx.core.setPinned().setPinned(new SetPinned(adaDesk, byActivity.get(0), true)));

        assertThat(pinned.pinned()).isTrue();
        assertThat(fx.inbox(adaMobile).events(ConversationUpdated.class)).extracting(ConversationUpdated::conversation)
                .containsExactly(pinned);
        assertThat(fx.inbox(adaDesk).events()).isEmpty();
        assertThat(fx.inbox(aliceSession).events()).isEmpty();
    }

    @Test
    void search_matches_a_participant_name_ignoring_case() {
        assertThat(ids(list(null, "PETROV", null, null))).containsExactly(byActivity.get(3));
        assertThat(ids(list(null, "a", null, null))).as("everyone but Zoe Quinn").hasSize(6)
                .doesNotContain(byActivity.get(4));
        assertThat(ids(list(null, "ha", null, null))).containsExactly(byActivity.get(5), byActivity.get(2));
        assertThat(list(null, "nobody", null, null).items()).isEmpty();
        assertThat(ids(ok(fx.core.listConversations().list(new ListConversations(fx.alice, null, "smith", null, null)))))
                .containsExactly(byActivity.get(0));
        assertThat(list(null, "hello doctor", null, null).items()).as("names, not message text").isEmpty();
    }

    @Test
    void pages_follow_each_other_without_repeats_or_gaps() {
        ConversationPage first = list(null, null, null, 3);
        ConversationPage second = list(null, null, first.nextCursor(), 3);
        ConversationPage third = list(null, null, second.nextCursor(), 3);

        assertThat(first.items()).hasSize(3);
        assertThat(second.items()).hasSize(3);
        assertThat(third.items()).hasSize(1);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(second.nextCursor()).isNotNull();
        assertThat(third.nextCursor()).isNull();
        List<ConversationId> all = new ArrayList<>();
        all.addAll(ids(first));
        all.addAll(ids(second));
        all.addAll(ids(third));
        assertThat(all).isEqualTo(ids(list(null, null, null, 100)));
        assertThat(new HashSet<>(all)).containsExactlyInAnyOrderElementsOf(byActivity);
    }

    @Test
    void a_conversation_started_between_two_pages_causes_no_repeat_and_no_gap_among_the_others() {
        ConversationPage first = list(null, null, null, 4);
        fx.send(fx.ada, fx.open(fx.ada, fx.ben), "Consult: a new one on top");
        ConversationPage rest = list(null, null, first.nextCursor(), 4);

        List<ConversationId> all = new ArrayList<>(ids(first));
        all.addAll(ids(rest));
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(byActivity);
        assertThat(rest.nextCursor()).isNull();
    }

    @Test
    void pages_of_a_filtered_list_use_the_same_cursor() {
        ok(fx.core.setPinned().setPinned(new SetPinned(fx.ada, byActivity.get(0), true)));
        ok(fx.core.setPinned().setPinned(new SetPinned(fx.ada, byActivity.get(3), true)));
        ok(fx.core.setPinned().setPinned(new SetPinned(fx.ada, byActivity.get(6), true)));

        ConversationPage first = list(ConversationFilter.PINNED, null, null, 2);
        ConversationPage second = list(ConversationFilter.PINNED, null, first.nextCursor(), 2);

        assertThat(ids(first)).containsExactly(byActivity.get(6), byActivity.get(3));
        assertThat(ids(second)).containsExactly(byActivity.get(0));
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void an_invalid_cursor_is_refused() {
        for (String cursor : List.of("not a cursor!", encode("x:y:z"), encode("2:100:c_1"), encode("1:100:"),
                encode("nothing"), "%%%")) {
            assertThat(failure(fx.core.listConversations().list(new ListConversations(fx.ada, null, null, cursor, 3))).kind())
                    .as("cursor %s", cursor).isEqualTo(FailureKind.INVALID);
        }
    }

    @Test
    void a_limit_below_one_is_invalid_and_a_large_one_is_capped() {
        assertThat(failure(fx.core.listConversations().list(new ListConversations(fx.ada, null, null, null, 0))).kind())
                .isEqualTo(FailureKind.INVALID);
        ChatFixture small = ChatFixture.create(settings -> settings.withMaxPageLimit(1));
        small.open(small.alice, small.ada);
        small.open(small.alice, small.nora);

        ConversationPage page = ok(small.core.listConversations().list(new ListConversations(small.alice, null, null, null, 10)));

        assertThat(page.items()).hasSize(1);
        assertThat(page.nextCursor()).isNotNull();
    }

    @Test
    void each_item_is_the_conversation_as_i_see_it() {
        fx.revoke(patients.get(2), fx.ada);

        List<ConversationView> items = list(null, null, null, 50).items();

        ConversationView withAlice = items.stream().filter(view -> view.conversation().id().equals(byActivity.get(0)))
                .findFirst().orElseThrow();
        assertThat(withAlice.unreadCount()).isEqualTo(1);
        assertThat(withAlice.lastMessage().message().content()).isEqualTo("Hello doctor, this is Alice Martin");
        assertThat(withAlice.participants()).extracting(summary -> summary.user().name())
                .containsExactly("Alice Martin", "Dr. Ada Smith");
        assertThat(withAlice.canSend()).isTrue();
        assertThat(items.stream().filter(view -> view.conversation().id().equals(byActivity.get(2))).findFirst()
                .orElseThrow().canSend()).isFalse();
    }

    private ConversationPage list(ConversationFilter filter, String search, String cursor, Integer limit) {
        return ok(fx.core.listConversations().list(new ListConversations(fx.ada, filter, search, cursor, limit)));
    }

    private static List<ConversationId> ids(ConversationPage page) {
        return page.items().stream().map(view -> view.conversation().id()).toList();
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
