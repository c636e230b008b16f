package org.carechat.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.carechat.adapter.inmemory.InMemoryNotifier.Subscription;
import org.carechat.application.SessionId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.event.ChatEvent.TypingStarted;
import org.carechat.domain.event.ChatEvent.TypingStopped;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

final class InMemoryNotifierTest {
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final SessionId PHONE = new SessionId("phone");
    private static final SessionId LAPTOP = new SessionId("laptop");
    private static final SessionId DESK = new SessionId("desk");
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");

    private final InMemoryNotifier notifier = new InMemoryNotifier();

    @Test
    void every_session_of_every_recipient_gets_the_event() {
        List<ChatEvent> phone = new ArrayList<>();
        List<ChatEvent> laptop = new ArrayList<>();
        List<ChatEvent> desk = new ArrayList<>();
        notifier.subscribe(PATIENT, PHONE, phone::add);
        notifier.subscribe(PATIENT, LAPTOP, laptop::add);
        notifier.subscribe(DOCTOR, DESK, desk::add);
        ChatEvent event = new TypingStarted(CONVERSATION, PATIENT);

        notifier.notify(List.of(PATIENT, DOCTOR), event, null);

        assertThat(phone).containsExactly(event);
        assertThat(laptop).containsExactly(event);
        assertThat(desk).containsExactly(event);
    }

    @Test
    void the_session_the_change_came_from_is_skipped_but_the_users_other_sessions_are_told() {
        List<ChatEvent> phone = new ArrayList<>();
        List<ChatEvent> laptop = new ArrayList<>();
        List<ChatEvent> desk = new ArrayList<>();
        notifier.subscribe(PATIENT, PHONE, phone::add);
        notifier.subscribe(PATIENT, LAPTOP, laptop::add);
        notifier.subscribe(DOCTOR, DESK, desk::add);
        ChatEvent event = new TypingStarted(CONVERSATION, PATIENT);

        notifier.notify(List.of(PATIENT, DOCTOR), event, PHONE);

        assertThat(phone).isEmpty();
        assertThat(laptop).containsExactly(event);
        assertThat(desk).containsExactly(event);
    }

    @Test
    void only_the_recipients_are_told() {
        List<ChatEvent> desk = new ArrayList<>();
        List<ChatEvent> phone = new ArrayList<>();
        notifier.subscribe(DOCTOR, DESK, desk::add);
        notifier.subscribe(PATIENT, PHONE, phone::add);

        notifier.notify(Set.of(DOCTOR), new TypingStarted(CONVERSATION, PATIENT), null);

        assertThat(desk).hasSize(1);
        assertThat(phone).isEmpty();
    }

    @Test
    void events_arrive_in_the_order_they_were_published() {
        List<ChatEvent> desk = new ArrayList<>();
        notifier.subscribe(DOCTOR, DESK, desk::add);
        List<ChatEvent> published = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ChatEvent event = i % 2 == 0 ? new TypingStarted(CONVERSATION, UserId.of("u" + i))
                    : new TypingStopped(CONVERSATION, UserId.of("u" + i));
            published.add(event);
            notifier.notify(List.of(DOCTOR), event, null);
        }

        assertThat(desk).containsExactlyElementsOf(published);
    }

    @Test
    void a_recipient_named_twice_is_told_once() {
        List<ChatEvent> desk = new ArrayList<>();
        notifier.subscribe(DOCTOR, DESK, desk::add);

        notifier.notify(List.of(DOCTOR, DOCTOR), new TypingStarted(CONVERSATION, PATIENT), null);

        assertThat(desk).hasSize(1);
    }

    @Test
    void an_unsubscribed_session_hears_nothing_more_and_the_others_still_do() {
        List<ChatEvent> phone = new ArrayList<>();
        List<ChatEvent> laptop = new ArrayList<>();
        Subscription phoneSubscription = notifier.subscribe(PATIENT, PHONE, phone::add);
        notifier.subscribe(PATIENT, LAPTOP, laptop::add);
        ChatEvent before = new TypingStarted(CONVERSATION, DOCTOR);
        ChatEvent after = new TypingStopped(CONVERSATION, DOCTOR);
        notifier.notify(List.of(PATIENT), before, null);

        phoneSubscription.close();
        notifier.notify(List.of(PATIENT), after, null);

        assertThat(phone).containsExactly(before);
        assertThat(laptop).containsExactly(before, after);
        assertThat(notifier.sessionsOf(PATIENT)).isEqualTo(1);
    }

    @Test
    void closing_a_subscription_twice_does_nothing_more() {
        Subscription subscription = notifier.subscribe(PATIENT, PHONE, event -> { });
        notifier.subscribe(PATIENT, LAPTOP, event -> { });

        subscription.close();
        subscription.close();

        assertThat(notifier.sessionsOf(PATIENT)).isEqualTo(1);
    }

    @Test
    void nothing_is_kept_for_someone_who_is_not_listening() {
        notifier.notify(List.of(PATIENT), new TypingStarted(CONVERSATION, DOCTOR), null);
        List<ChatEvent> phone = new ArrayList<>();

        notifier.subscribe(PATIENT, PHONE, phone::add);

        assertThat(phone).isEmpty();
        assertThat(notifier.sessionsOf(DOCTOR)).isZero();
    }

    @Test
    void a_failing_listener_does_not_keep_the_others_from_hearing() {
        List<ChatEvent> laptop = new ArrayList<>();
        notifier.subscribe(PATIENT, PHONE, event -> {
            throw new IllegalStateException("socket closed");
        });
        notifier.subscribe(PATIENT, LAPTOP, laptop::add);
        ChatEvent event = new TypingStarted(CONVERSATION, DOCTOR);

        notifier.notify(List.of(PATIENT), event, null);

        assertThat(laptop).containsExactly(event);
    }
}
