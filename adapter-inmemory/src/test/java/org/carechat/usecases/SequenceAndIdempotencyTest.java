package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.carechat.application.Actor;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.application.port.contract.Race;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent.MessageCreated;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.junit.jupiter.api.Test;

/** seq is gap-free and strictly increasing per conversation; a repeated clientMessageId is answered, not stored. */
final class SequenceAndIdempotencyTest {
    private static final int THREADS = 8;
    private static final int SENDS_PER_THREAD = 1_000;

    private final ChatFixture fx = ChatFixture.create();

    @Test
    void seq_starts_at_one_and_grows_by_one_per_message_in_each_conversation() {
        ConversationId withAda = fx.open(fx.alice, fx.ada);
        ConversationId withNora = fx.open(fx.alice, fx.nora);

        List<Long> adaSeqs = new ArrayList<>();
        List<Long> noraSeqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            adaSeqs.add(fx.send(i % 2 == 0 ? fx.alice : fx.ada, withAda, "to Ada " + i).seq());
            noraSeqs.add(fx.send(i % 2 == 0 ? fx.nora : fx.alice, withNora, "to Nora " + i).seq());
        }

        assertThat(adaSeqs).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(noraSeqs).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(fx.everything(fx.ada, withAda)).extracting(view -> view.message().seq()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void concurrent_senders_in_one_conversation_get_every_seq_exactly_once_without_gaps() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Actor alicePhone = fx.connect(fx.alice, "phone");
        Actor adaDesk = fx.connect(fx.ada, "desk");

        List<List<Long>> seqsByThread = Race.run(THREADS, thread -> {
            Actor sender = thread % 2 == 0 ? fx.alice : fx.ada;
            List<Long> seqs = new ArrayList<>(SENDS_PER_THREAD);
            for (int i = 0; i < SENDS_PER_THREAD; i++) {
                seqs.add(fx.send(sender, conversation, "t" + thread + "-m" + i).seq());
            }
            return seqs;
        });

        int total = THREADS * SENDS_PER_THREAD;
        List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
        for (List<Long> seqs : seqsByThread) {
            assertThat(seqs).as("each sender sees its own messages in increasing seq").isSorted();
        }
        assertThat(seqsByThread.stream().flatMap(List::stream).sorted().toList()).isEqualTo(expected);

        List<MessageView> history = fx.everything(fx.ada, conversation);
        assertThat(history).extracting(view -> view.message().seq()).isEqualTo(expected);
        Set<String> contents = new HashSet<>();
        for (MessageView view : history) {
            assertThat(contents.add(view.message().content())).as("stored once: %s", view.message().content()).isTrue();
        }
        assertThat(contents).hasSize(total);
        assertThat(fx.conversations.find(conversation).orElseThrow().lastSeq()).isEqualTo(total);

        // every client receives new_message in seq order
        for (Actor session : List.of(alicePhone, adaDesk)) {
            assertThat(fx.inbox(session).events(MessageCreated.class))
                    .extracting(created -> created.message().message().seq()).isEqualTo(expected);
        }
    }

    @Test
    void a_repeated_client_message_id_returns_the_original_message_and_stores_nothing_new() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Actor alicePhone = fx.connect(fx.alice, "phone");
        Actor aliceLaptop = fx.connect(fx.alice, "laptop");
        Actor adaDesk = fx.connect(fx.ada, "desk");
        Sent original = ok(fx.core.sendMessage().send(
                new SendMessage(alicePhone, conversation, null, null, "Is it serious?", null, null, "cm-1")));
        fx.time.advance(Duration.ofSeconds(30));

        Sent retry = ok(fx.core.sendMessage().send(
                new SendMessage(alicePhone, conversation, null, null, "Is it serious?", null, null, "cm-1")));
        Sent retryByPerson = ok(fx.core.sendMessage().send(
                new SendMessage(aliceLaptop, null, fx.ada.id(), null, "Is it serious?", null, null, "cm-1")));

        assertThat(original.created()).isTrue();
        for (Sent again : List.of(retry, retryByPerson)) {
            assertThat(again.created()).isFalse();
            assertThat(again.message().message()).isEqualTo(original.message().message());
        }
        assertThat(fx.everything(fx.alice, conversation)).hasSize(1);
        assertThat(fx.conversations.find(conversation).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(fx.inbox(adaDesk).events(MessageCreated.class)).hasSize(1);
        assertThat(fx.inbox(aliceLaptop).events(MessageCreated.class)).hasSize(1);
        assertThat(fx.inbox(alicePhone).events(MessageCreated.class)).isEmpty();
    }

    @Test
    void a_client_message_id_reused_for_another_conversation_or_person_is_a_conflict_naming_the_original() {
        ConversationId withAda = fx.open(fx.alice, fx.ada);
        ConversationId withNora = fx.open(fx.alice, fx.nora);
        Actor noraDesk = fx.connect(fx.nora, "desk");
        Sent original = ok(fx.core.sendMessage().send(
                new SendMessage(fx.alice, withAda, null, null, "For Dr. Smith", null, null, "cm-7")));

        var elsewhere = failure(fx.core.sendMessage().send(
                new SendMessage(fx.alice, withNora, null, null, "For the nurse", null, null, "cm-7")));
        var toSomeoneElse = failure(fx.core.sendMessage().send(
                new SendMessage(fx.alice, null, fx.nora.id(), null, "For the nurse", null, null, "cm-7")));

        for (var refusal : List.of(elsewhere, toSomeoneElse)) {
            assertThat(refusal.kind()).isEqualTo(FailureKind.CONFLICT);
            assertThat(refusal.message()).contains(original.message().message().id().value()).contains(withAda.value());
        }
        assertThat(fx.everything(fx.alice, withNora)).isEmpty();
        assertThat(fx.inbox(noraDesk).events()).isEmpty();
        assertThat(fx.auditOf(AuditAction.MESSAGE_SEND)).extracting(AuditEntry::outcome)
                .containsExactlyInAnyOrder("ok", "conflict", "conflict");
    }

    @Test
    void the_same_client_message_id_racing_into_two_conversations_makes_one_message_and_one_conflict() {
        ConversationId withAda = fx.open(fx.alice, fx.ada);
        ConversationId withNora = fx.open(fx.alice, fx.nora);
        for (int round = 0; round < 200; round++) {
            String key = "race-" + round;
            List<Result<Sent>> results = Race.run(2, thread -> fx.core.sendMessage().send(new SendMessage(fx.alice,
                    thread == 0 ? withAda : withNora, null, null, "which one?", null, null, key)));

            assertThat(results).as("round %d", round).filteredOn(Result::isOk).singleElement()
                    .satisfies(won -> assertThat(won.orThrow().created()).isTrue());
            assertThat(results).as("round %d", round).filteredOn(result -> !result.isOk()).singleElement()
                    .satisfies(lost -> assertThat(lost.failure().kind()).isEqualTo(FailureKind.CONFLICT));
        }
        long stored = fx.everything(fx.alice, withAda).size() + fx.everything(fx.alice, withNora).size();
        assertThat(stored).isEqualTo(200);
    }

    @Test
    void a_client_message_id_sent_to_a_conversation_that_does_not_exist_for_the_sender_is_not_found() {
        ConversationId withAda = fx.open(fx.alice, fx.ada);
        ConversationId bobs = fx.open(fx.bob, fx.ben);
        ok(fx.core.sendMessage().send(new SendMessage(fx.alice, withAda, null, null, "Hello", null, null, "cm-8")));

        for (ConversationId target : List.of(ConversationId.of("c_nothing_here"), bobs)) {
            assertThat(failure(fx.core.sendMessage().send(
                    new SendMessage(fx.alice, target, null, null, "Hello", null, null, "cm-8"))).kind())
                    .as("%s", target).isEqualTo(FailureKind.NOT_FOUND);
        }
    }

    @Test
    void the_same_client_message_id_from_another_sender_is_another_message() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);

        Sent alices = ok(fx.core.sendMessage().send(
                new SendMessage(fx.alice, conversation, null, null, "Question", null, null, "same-key")));
        Sent adas = ok(fx.core.sendMessage().send(
                new SendMessage(fx.ada, conversation, null, null, "Answer", null, null, "same-key")));

        assertThat(adas.created()).isTrue();
        assertThat(adas.message().message().id()).isNotEqualTo(alices.message().message().id());
        assertThat(adas.message().message().seq()).isEqualTo(2);
    }

    @Test
    void concurrent_retries_of_one_client_message_id_store_one_message_and_notify_once() {
        Actor noraDesk = fx.connect(fx.nora, "desk");
        Actor aliceTablet = fx.connect(fx.alice, "tablet");

        List<Sent> results = Race.run(THREADS, thread -> ok(fx.core.sendMessage().send(
                new SendMessage(fx.alice, null, fx.nora.id(), null, "Can I take ibuprofen?", null, null, "retry-7"))));

        assertThat(results).filteredOn(Sent::created).hasSize(1);
        assertThat(results).extracting(sent -> sent.message().message().id()).containsOnly(
                results.get(0).message().message().id());
        ConversationId conversation = results.get(0).message().message().conversationId();
        assertThat(fx.conversations.ofParticipant(fx.alice.id())).hasSize(1);
        assertThat(fx.everything(fx.nora, conversation)).extracting(MessageView::message).extracting(Message::seq)
                .containsExactly(1L);
        assertThat(fx.inbox(noraDesk).events(MessageCreated.class)).hasSize(1);
        assertThat(fx.inbox(aliceTablet).events(MessageCreated.class)).hasSize(1);
    }

    @Test
    void concurrent_retries_into_an_existing_conversation_store_one_message() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        fx.send(fx.ada, conversation, "How are you feeling?");
        Actor adaDesk = fx.connect(fx.ada, "desk");

        List<MessageId> ids = Race.run(THREADS, thread -> ok(fx.core.sendMessage().send(
                new SendMessage(fx.alice, conversation, null, null, "Better, thanks", null, null, "k-1")))
                .message().message().id());

        assertThat(new HashSet<>(ids)).hasSize(1);
        assertThat(fx.everything(fx.alice, conversation)).hasSize(2);
        assertThat(fx.inbox(adaDesk).events(MessageCreated.class)).hasSize(1);
    }
}
