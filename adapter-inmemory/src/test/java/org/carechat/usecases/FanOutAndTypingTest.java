package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.presence.StartTypingUseCase.Typing;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.event.ChatEvent.MessageCreated;
import org.carechat.domain.event.ChatEvent.TypingStarted;
import org.carechat.domain.event.ChatEvent.TypingStopped;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.message.Message;
import org.junit.jupiter.api.Test;

/** Who hears of a new message, and typing indicators with their expiry. */
final class FanOutAndTypingTest {
    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);
    private final Actor alicePhone = fx.connect(fx.alice, "phone");
    private final Actor aliceLaptop = fx.connect(fx.alice, "laptop");
    private final Actor adaDesk = fx.connect(fx.ada, "desk");
    private final Actor adaMobile = fx.connect(fx.ada, "mobile");
    private final Actor benDesk = fx.connect(fx.ben, "desk");

    @Test
    void new_message_reaches_every_session_of_every_participant_except_the_sending_one() {
        Message sent = fx.send(alicePhone, conversation, "I feel dizzy");

        for (Actor session : List.of(aliceLaptop, adaDesk, adaMobile)) {
            assertThat(fx.inbox(session).events(MessageCreated.class)).as("%s", session.session())
                    .extracting(created -> created.message().message()).containsExactly(sent);
        }
        assertThat(fx.inbox(alicePhone).events()).as("the sending session gets its reply, not an event").isEmpty();
        assertThat(fx.inbox(benDesk).events()).isEmpty();
    }

    @Test
    void a_message_sent_without_a_session_reaches_every_session_of_the_sender_too() {
        Message sent = fx.send(fx.alice, conversation, "Sent from the web form");

        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk, adaMobile)) {
            assertThat(fx.inbox(session).events(MessageCreated.class)).extracting(created -> created.message().message())
                    .containsExactly(sent);
        }
        assertThat(fx.inbox(benDesk).events()).isEmpty();
    }

    @Test
    void a_fan_out_that_throws_neither_fails_the_send_nor_loses_its_audit_entry() {
        // a transport that delivers, then throws while encoding for one more socket, even an Error, as Tyrus did for
        // a lone surrogate
        ChatFixture broken = ChatFixture.withTransport(transport -> (recipients, event, except) -> {
            transport.notify(recipients, event, except);
            if (event instanceof MessageCreated) {
                throw new AssertionError("cannot encode this frame");
            }
        });
        ConversationId c = broken.open(broken.alice, broken.ada);
        Actor phone = broken.connect(broken.alice, "phone");
        Actor desk = broken.connect(broken.ada, "desk");

        Sent sent = ok(broken.core.sendMessage().send(new SendMessage(phone, c, null, null, "Still there?", null, null, "k-1")));
        Message next = broken.send(phone, c, "And now?");

        assertThat(sent.created()).isTrue();
        assertThat(broken.everything(broken.ada, c)).extracting(view -> view.message().seq()).containsExactly(1L, 2L);
        assertThat(broken.auditOf(AuditAction.MESSAGE_SEND)).extracting(AuditEntry::outcome).containsExactly("ok", "ok");
        assertThat(broken.inbox(desk).events(MessageCreated.class)).extracting(created -> created.message().message())
                .containsExactly(sent.message().message(), next);
    }

    @Test
    void typing_start_and_stop_reach_the_other_participants_only() {
        ok(fx.core.startTyping().startTyping(new Typing(alicePhone, conversation, null)));

        assertThat(fx.inbox(adaDesk).events()).containsExactly(new TypingStarted(conversation, fx.alice.id()));
        assertThat(fx.inbox(adaMobile).events()).containsExactly(new TypingStarted(conversation, fx.alice.id()));
        assertThat(fx.inbox(aliceLaptop).events()).isEmpty();
        assertThat(fx.inbox(alicePhone).events()).isEmpty();

        ok(fx.core.stopTyping().stopTyping(new Typing(alicePhone, conversation, null)));

        assertThat(fx.inbox(adaDesk).events()).containsExactly(new TypingStarted(conversation, fx.alice.id()),
                new TypingStopped(conversation, fx.alice.id()));
        assertThat(fx.inbox(aliceLaptop).events()).isEmpty();
        assertThat(fx.inbox(benDesk).events()).isEmpty();
        assertThat(fx.time.pendingTasks()).as("the expiry was cancelled").isZero();
    }

    @Test
    void typing_to_a_person_finds_the_existing_conversation_but_never_opens_one() {
        ok(fx.core.startTyping().startTyping(new Typing(adaDesk, null, fx.alice.id())));

        assertThat(fx.inbox(alicePhone).events()).containsExactly(new TypingStarted(conversation, fx.ada.id()));
        assertThat(failure(fx.core.startTyping().startTyping(new Typing(fx.nora, null, fx.alice.id()))).kind())
                .isEqualTo(FailureKind.NOT_FOUND);
        assertThat(fx.conversations.findDirect(fx.nora.id(), fx.alice.id())).isEmpty();
    }

    @Test
    void typing_expires_after_the_ttl_without_renewal() {
        ok(fx.core.startTyping().startTyping(new Typing(alicePhone, conversation, null)));

        fx.time.advance(Duration.ofMillis(5_999));
        assertThat(fx.inbox(adaDesk).events(TypingStopped.class)).isEmpty();

        fx.time.advance(Duration.ofMillis(1));
        assertThat(fx.inbox(adaDesk).events(TypingStopped.class)).containsExactly(new TypingStopped(conversation, fx.alice.id()));

        fx.time.advance(Duration.ofMinutes(1));
        assertThat(fx.inbox(adaDesk).events(TypingStopped.class)).hasSize(1);
    }

    @Test
    void renewing_typing_postpones_its_expiry_without_a_second_start() {
        ok(fx.core.startTyping().startTyping(new Typing(alicePhone, conversation, null)));
        fx.time.advance(Duration.ofSeconds(4));
        ok(fx.core.startTyping().startTyping(new Typing(aliceLaptop, conversation, null)));

        fx.time.advance(Duration.ofSeconds(4));
        assertThat(fx.inbox(adaDesk).events()).containsExactly(new TypingStarted(conversation, fx.alice.id()));

        fx.time.advance(Duration.ofSeconds(2));
        assertThat(fx.inbox(adaDesk).events()).containsExactly(new TypingStarted(conversation, fx.alice.id()),
                new TypingStopped(conversation, fx.alice.id()));
    }

    @Test
    void the_typing_ttl_comes_from_the_settings() {
        ChatFixture quick = ChatFixture.create(settings -> settings.withTypingTtl(Duration.ofSeconds(2)));
        ConversationId withAda = quick.open(quick.alice, quick.ada);
        Actor desk = quick.connect(quick.ada, "desk");
        ok(quick.core.startTyping().startTyping(new Typing(quick.alice, withAda, null)));

        quick.time.advance(Duration.ofSeconds(2));

        assertThat(quick.inbox(desk).events(TypingStopped.class)).hasSize(1);
    }

    @Test
    void sending_a_message_stops_typing() {
        ok(fx.core.startTyping().startTyping(new Typing(alicePhone, conversation, null)));

        Message sent = fx.send(alicePhone, conversation, "Done typing");

        List<ChatEvent> desk = fx.inbox(adaDesk).events();
        assertThat(desk).hasSize(3);
        assertThat(desk.get(0)).isEqualTo(new TypingStarted(conversation, fx.alice.id()));
        assertThat(desk).contains(new TypingStopped(conversation, fx.alice.id()));
        assertThat(desk).filteredOn(MessageCreated.class::isInstance).hasSize(1);
        assertThat(((MessageCreated) desk.stream().filter(MessageCreated.class::isInstance).findFirst().orElseThrow())
                .message().message()).isEqualTo(sent);

        fx.time.advance(Duration.ofSeconds(10));
        assertThat(fx.inbox(adaDesk).events(TypingStopped.class)).as("no second stop at expiry").hasSize(1);
    }

    @Test
    void stopping_when_not_typing_tells_nobody() {
        ok(fx.core.stopTyping().stopTyping(new Typing(alicePhone, conversation, null)));

        assertThat(fx.inbox(adaDesk).events()).isEmpty();
    }

    @Test
    void admins_do_not_type() {
        assertThat(failure(fx.core.startTyping().startTyping(new Typing(fx.admin, conversation, null))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
    }
}
