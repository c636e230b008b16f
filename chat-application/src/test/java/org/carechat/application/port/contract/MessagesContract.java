package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Messages.Appended;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.UrgentFollowUp;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Messages} store promises: gap-free places per conversation under concurrency,
 * idempotent appends per sender and client message id, atomic updates, history pages, search and
 * attachment references, and an exact round trip of every field of a message.
 */
public abstract class MessagesContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final Duration EDIT_WINDOW = Duration.ofMinutes(15);
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId NURSE = UserId.of("n1");
    private static final ConversationId FIRST = ConversationId.of("c_first");
    private static final ConversationId SECOND = ConversationId.of("c_second");
    private static final ConversationId THIRD = ConversationId.of("c_third");

    private int drafted;

    /** A fresh, empty store for each test. */
    protected abstract Messages create();

    // ---- append: places ----

    @Test
    void append_assigns_gap_free_seq_starting_at_one() {
        Messages messages = create();

        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Appended appended = messages.append(text(FIRST, PATIENT, "message " + i));
            assertThat(appended.created()).isTrue();
            seqs.add(appended.message().seq());
        }

        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void appended_message_is_the_draft_at_its_place() {
        Messages messages = create();
        messages.append(text(FIRST, DOCTOR, "first"));
        MessageDraft draft = text(FIRST, PATIENT, "second");

        Appended appended = messages.append(draft);

        assertThat(appended.message()).isEqualTo(draft.at(2));
        assertThat(messages.find(draft.id())).contains(draft.at(2));
    }

    @Test
    void seq_is_counted_separately_for_each_conversation() {
        Messages messages = create();

        long a1 = messages.append(text(FIRST, PATIENT, "a1")).message().seq();
        long b1 = messages.append(text(SECOND, PATIENT, "b1")).message().seq();
        long a2 = messages.append(text(FIRST, DOCTOR, "a2")).message().seq();
        long c1 = messages.append(text(THIRD, NURSE, "c1")).message().seq();
        long b2 = messages.append(text(SECOND, DOCTOR, "b2")).message().seq();
        long a3 = messages.append(text(FIRST, PATIENT, "a3")).message().seq();

        assertThat(List.of(a1, a2, a3)).containsExactly(1L, 2L, 3L);
        assertThat(List.of(b1, b2)).containsExactly(1L, 2L);
        assertThat(c1).isEqualTo(1L);
    }

    @Test
    void concurrent_appends_to_one_conversation_get_every_seq_exactly_once() {
        Messages messages = create();
        int threads = 8;
        int perThread = 250;
        int total = threads * perThread;

        List<List<Message>> appendedByThread = Race.run(threads, t -> {
            List<Message> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                MessageDraft draft = draft(MessageId.of("m_" + t + "_" + i), FIRST, t % 2 == 0 ? PATIENT : DOCTOR,
                        "hello " + t + "/" + i, null, T0.plusMillis(i));
                Appended appended = messages.append(draft);
                assertThat(appended.created()).isTrue();
                mine.add(appended.message());
            }
            return mine;
        });

        List<Long> seqs = appendedByThread.stream().flatMap(List::stream).map(Message::seq).sorted().toList();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        for (List<Message> mine : appendedByThread) {
            assertThat(mine).extracting(Message::seq).isSorted();
        }
        List<Message> stored = messages.after(FIRST, 0, total);
        assertThat(stored).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(stored).containsExactlyInAnyOrderElementsOf(
                appendedByThread.stream().flatMap(List::stream).toList());
        assertThat(messages.append(text(FIRST, NURSE, "late")).message().seq()).isEqualTo(total + 1L);
    }

    @Test
    void concurrent_appends_to_different_conversations_each_count_from_one() {
        Messages messages = create();
        int threads = 6;
        int perThread = 100;

        Race.runAll(threads, t -> {
            ConversationId conversation = ConversationId.of("c_" + t);
            for (int i = 1; i <= perThread; i++) {
                MessageDraft draft = draft(MessageId.of("m_" + t + "_" + i), conversation, PATIENT, "n" + i, null,
                        T0.plusMillis(i));
                assertThat(messages.append(draft).message().seq()).isEqualTo(i);
            }
        });

        for (int t = 0; t < threads; t++) {
            assertThat(messages.after(ConversationId.of("c_" + t), 0, 1000)).extracting(Message::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, perThread).boxed().toList());
        }
    }

    // ---- append: idempotency ----

    @Test
    void same_sender_and_client_message_id_returns_the_original_with_created_false_and_stores_nothing() {
        Messages messages = create();
        MessageDraft original = keyed(FIRST, PATIENT, "Hello doctor", "7f1c-key");
        Message stored = messages.append(original).message();
        MessageDraft retry = keyed(FIRST, PATIENT, "Hello doctor (resent)", "7f1c-key");

        Appended again = messages.append(retry);

        assertThat(again.created()).isFalse();
        assertThat(again.message()).isEqualTo(stored);
        assertThat(messages.find(retry.id())).isEmpty();
        assertThat(messages.after(FIRST, 0, 10)).containsExactly(stored);
        assertThat(messages.append(text(FIRST, DOCTOR, "next")).message().seq())
                .as("a refused duplicate consumes no place").isEqualTo(2);
    }

    @Test
    void same_client_message_id_of_the_same_sender_in_another_conversation_returns_the_original() {
        Messages messages = create();
        Message stored = messages.append(keyed(FIRST, PATIENT, "Hello", "key-1")).message();

        Appended again = messages.append(keyed(SECOND, PATIENT, "Hello", "key-1"));

        assertThat(again.created()).isFalse();
        assertThat(again.message()).isEqualTo(stored);
        assertThat(messages.after(SECOND, 0, 10)).isEmpty();
    }

    @Test
    void same_client_message_id_from_different_senders_are_two_messages() {
        Messages messages = create();

        Appended fromPatient = messages.append(keyed(FIRST, PATIENT, "from patient", "shared-key"));
        Appended fromDoctor = messages.append(keyed(FIRST, DOCTOR, "from doctor", "shared-key"));

        assertThat(fromPatient.created()).isTrue();
        assertThat(fromDoctor.created()).isTrue();
        assertThat(fromDoctor.message().id()).isNotEqualTo(fromPatient.message().id());
        assertThat(messages.after(FIRST, 0, 10)).extracting(Message::content)
                .containsExactly("from patient", "from doctor");
    }

    @Test
    void messages_without_client_message_id_are_never_deduplicated() {
        Messages messages = create();

        Appended first = messages.append(text(FIRST, PATIENT, "same text"));
        Appended second = messages.append(text(FIRST, PATIENT, "same text"));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isTrue();
        assertThat(messages.after(FIRST, 0, 10)).hasSize(2);
    }

    @Test
    void racing_appends_with_the_same_sender_and_client_message_id_create_exactly_one_message() {
        Messages messages = create();
        int threads = 8;
        int keys = 40;

        List<List<Appended>> outcomes = Race.run(threads, t -> {
            List<Appended> mine = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                MessageDraft draft = draft(MessageId.of("m_" + t + "_" + k), FIRST, PATIENT, "text " + k,
                        "key-" + k, T0.plusMillis(k));
                mine.add(messages.append(draft));
            }
            return mine;
        });

        for (int k = 0; k < keys; k++) {
            int key = k;
            List<Appended> forKey = outcomes.stream().map(list -> list.get(key)).toList();
            assertThat(forKey).filteredOn(Appended::created).as("created for key-" + k).hasSize(1);
            assertThat(forKey.stream().map(Appended::message).distinct()).as("one message for key-" + k).hasSize(1);
        }
        List<Message> stored = messages.after(FIRST, 0, 1000);
        assertThat(stored).hasSize(keys);
        assertThat(stored).extracting(Message::clientMessageId).doesNotHaveDuplicates();
        assertThat(stored).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, keys).boxed().toList());
    }

    // ---- find ----

    @Test
    void find_returns_the_stored_message_and_nothing_for_an_unknown_id() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "hello")).message();

        assertThat(messages.find(stored.id())).contains(stored);
        assertThat(messages.find(MessageId.of("m_unknown"))).isEmpty();
    }

    @Test
    void find_by_client_message_id_returns_only_that_senders_message() {
        Messages messages = create();
        Message stored = messages.append(keyed(FIRST, PATIENT, "hello", "key-42")).message();
        messages.append(text(FIRST, DOCTOR, "hello back"));

        assertThat(messages.findByClientMessageId(PATIENT, "key-42")).contains(stored);
        assertThat(messages.findByClientMessageId(DOCTOR, "key-42")).isEmpty();
        assertThat(messages.findByClientMessageId(PATIENT, "key-43")).isEmpty();
    }

    // ---- update ----

    @Test
    void update_applies_the_change_and_returns_the_stored_result() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "helo")).message();
        Instant editedAt = T0.plusSeconds(60);
        Message expected = stored.edit(PATIENT, "hello", editedAt, EDIT_WINDOW);

        var updated = messages.update(stored.id(), m -> m.edit(PATIENT, "hello", editedAt, EDIT_WINDOW));

        assertThat(updated).contains(expected);
        assertThat(messages.find(stored.id())).contains(expected);
        assertThat(messages.after(FIRST, 0, 10)).containsExactly(expected);
    }

    @Test
    void update_of_an_unknown_message_is_empty_and_stores_nothing() {
        Messages messages = create();
        MessageId unknown = MessageId.of("m_unknown");

        assertThat(messages.update(unknown, m -> m.react(DOCTOR, "👍"))).isEmpty();
        assertThat(messages.find(unknown)).isEmpty();
    }

    @Test
    void update_whose_change_refuses_leaves_the_message_unchanged_and_propagates_the_refusal() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "hello")).message();

        assertThatThrownBy(() -> messages.update(stored.id(), m -> m.edit(DOCTOR, "not yours", T0, EDIT_WINDOW)))
                .isInstanceOf(Refusal.class)
                .satisfies(e -> assertThat(((Refusal) e).failure().kind()).isEqualTo(FailureKind.FORBIDDEN));
        assertThat(messages.find(stored.id())).contains(stored);
    }

    @Test
    void update_whose_change_throws_leaves_the_message_unchanged_and_propagates_the_same_exception() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "hello")).message();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> messages.update(stored.id(), m -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(messages.find(stored.id())).contains(stored);
    }

    @Test
    void an_urgent_message_keeps_its_priority_and_who_acknowledged_it_when() {
        Messages messages = create();
        MessageDraft plain = text(FIRST, PATIENT, "chest pain");
        MessageDraft urgent = new MessageDraft(plain.id(), plain.conversationId(), plain.senderId(), plain.type(),
                plain.content(), null, null, null, plain.createdAt(), null, MessagePriority.URGENT);
        Message stored = messages.append(urgent).message();
        Message routine = messages.append(text(FIRST, PATIENT, "and a headache")).message();

        Message acknowledged = messages.update(stored.id(), m -> m.acknowledge(DOCTOR, T0.plusSeconds(90))).orElseThrow();

        assertThat(messages.find(stored.id())).contains(acknowledged);
        assertThat(acknowledged.priority()).isEqualTo(MessagePriority.URGENT);
        assertThat(acknowledged.acknowledgements()).containsExactly(Map.entry(DOCTOR, T0.plusSeconds(90)));
        assertThat(messages.find(routine.id()).orElseThrow().priority()).isEqualTo(MessagePriority.ROUTINE);
        assertThat(messages.after(FIRST, 0, 10)).extracting(Message::priority)
                .containsExactly(MessagePriority.URGENT, MessagePriority.ROUTINE);
    }

    @Test
    void urgent_messages_nobody_acknowledged_are_listed_oldest_first_until_acknowledged_deleted_or_escalated() {
        Messages messages = create();
        Message waiting = messages.append(urgent(FIRST, PATIENT, "chest pain")).message();
        Message acknowledged = messages.append(urgent(SECOND, PATIENT, "dizzy")).message();
        Message deleted = messages.append(urgent(FIRST, PATIENT, "typo")).message();
        Message reminded = messages.append(urgent(THIRD, DOCTOR, "call me")).message();
        Message escalated = messages.append(urgent(FIRST, PATIENT, "still here")).message();
        messages.append(text(FIRST, PATIENT, "routine"));
        messages.update(acknowledged.id(), m -> m.acknowledge(DOCTOR, T0.plusSeconds(60)));
        messages.update(deleted.id(), m -> m.delete(PATIENT));
        messages.update(reminded.id(), m -> m.followedUp(UrgentFollowUp.REMINDED));
        messages.update(escalated.id(), m -> m.followedUp(UrgentFollowUp.REMINDED).followedUp(UrgentFollowUp.ESCALATED));
        Instant later = T0.plusSeconds(3600);

        assertThat(messages.awaitingAcknowledgement(UrgentFollowUp.NONE, later, 10)).extracting(Message::id)
                .containsExactly(waiting.id());
        assertThat(messages.awaitingAcknowledgement(UrgentFollowUp.REMINDED, later, 10)).extracting(Message::id)
                .containsExactly(reminded.id());
        assertThat(messages.awaitingAcknowledgement(UrgentFollowUp.ESCALATED, later, 10)).as("acknowledged by nobody, but done")
                .isEmpty();
        assertThat(messages.awaitingAcknowledgement(UrgentFollowUp.NONE, waiting.createdAt(), 10)).as("sent strictly before")
                .isEmpty();
        assertThat(messages.awaitingAcknowledgement(UrgentFollowUp.NONE, waiting.createdAt().plusMillis(1), 10))
                .extracting(Message::id).containsExactly(waiting.id());
        assertThat(messages.find(reminded.id()).orElseThrow().followUp()).isEqualTo(UrgentFollowUp.REMINDED);
        assertThat(messages.find(escalated.id()).orElseThrow().followUp()).isEqualTo(UrgentFollowUp.ESCALATED);

        // an edit clears the acknowledgement (it was of the old text): the message waits again
        messages.update(acknowledged.id(), m -> m.edit(PATIENT, "very dizzy", T0.plusSeconds(120), EDIT_WINDOW));
        Message another = messages.append(urgent(SECOND, PATIENT, "worse")).message();
        assertThat(messages.awaitingAcknowledgement(UrgentFollowUp.NONE, later, 10)).extracting(Message::id)
                .containsExactly(waiting.id(), acknowledged.id(), another.id());
        assertThat(messages.awaitingAcknowledgement(UrgentFollowUp.NONE, later, 2)).extracting(Message::id)
                .as("the oldest first").containsExactly(waiting.id(), acknowledged.id());
    }

    @Test
    void concurrent_reactions_from_many_users_are_all_kept() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "good news")).message();
        int threads = 16;
        int usersPerThread = 25;

        Race.runAll(threads, t -> {
            for (int u = 0; u < usersPerThread; u++) {
                UserId user = UserId.of("u_" + t + "_" + u);
                String emoji = u % 2 == 0 ? "👍" : "❤️";
                assertThat(messages.update(stored.id(), m -> m.react(user, emoji))).isPresent();
            }
        });

        Message after = messages.find(stored.id()).orElseThrow();
        Set<UserId> reacted = after.reactions().byEmoji().values().stream().flatMap(List::stream)
                .collect(Collectors.toSet());
        assertThat(reacted).hasSize(threads * usersPerThread);
        assertThat(after.reactions().byEmoji().get("👍")).hasSize(threads * ((usersPerThread + 1) / 2));
        assertThat(after.reactions().byEmoji().get("❤️")).hasSize(threads * (usersPerThread / 2));
        assertThat(after.content()).isEqualTo("good news");
    }

    @Test
    void concurrent_updates_of_one_message_each_see_the_result_of_the_previous_one() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "0")).message();
        int threads = 8;
        int perThread = 100;

        Race.runAll(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                messages.update(stored.id(), m -> withContent(m, Integer.toString(Integer.parseInt(m.content()) + 1)));
            }
        });

        assertThat(messages.find(stored.id()).orElseThrow().content()).isEqualTo(Integer.toString(threads * perThread));
    }

    // ---- history pages ----

    @Test
    void before_returns_messages_below_the_bound_newest_first_up_to_the_limit() {
        Messages messages = create();
        appendTexts(messages, FIRST, 10);

        assertThat(messages.before(FIRST, 6, 3)).extracting(Message::seq).containsExactly(5L, 4L, 3L);
        assertThat(messages.before(FIRST, 3, 10)).extracting(Message::seq).containsExactly(2L, 1L);
        assertThat(messages.before(FIRST, 1, 10)).isEmpty();
        assertThat(messages.before(FIRST, Long.MAX_VALUE, 2)).extracting(Message::seq).containsExactly(10L, 9L);
        assertThat(messages.before(FIRST, 11, 100)).extracting(Message::seq)
                .containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void after_returns_messages_above_the_bound_oldest_first_up_to_the_limit() {
        Messages messages = create();
        appendTexts(messages, FIRST, 10);

        assertThat(messages.after(FIRST, 0, 3)).extracting(Message::seq).containsExactly(1L, 2L, 3L);
        assertThat(messages.after(FIRST, 7, 10)).extracting(Message::seq).containsExactly(8L, 9L, 10L);
        assertThat(messages.after(FIRST, 4, 2)).extracting(Message::seq).containsExactly(5L, 6L);
        assertThat(messages.after(FIRST, 10, 10)).isEmpty();
    }

    @Test
    void history_pages_keep_conversations_apart_and_an_unknown_conversation_has_none() {
        Messages messages = create();
        appendTexts(messages, FIRST, 3);
        messages.append(text(SECOND, DOCTOR, "elsewhere"));

        assertThat(messages.after(FIRST, 0, 10)).extracting(Message::conversationId).containsOnly(FIRST).hasSize(3);
        assertThat(messages.before(SECOND, 100, 10)).extracting(Message::content).containsExactly("elsewhere");
        assertThat(messages.after(THIRD, 0, 10)).isEmpty();
        assertThat(messages.before(THIRD, 100, 10)).isEmpty();
    }

    @Test
    void history_pages_show_deleted_messages_as_tombstones_at_their_place() {
        Messages messages = create();
        List<Message> stored = appendTexts(messages, FIRST, 3);
        Message deleted = stored.get(1).delete(stored.get(1).senderId());
        assertThat(messages.update(stored.get(1).id(), m -> m.delete(m.senderId())))
                .contains(deleted);

        assertThat(messages.after(FIRST, 0, 10)).containsExactly(stored.get(0), deleted, stored.get(2));
        assertThat(messages.before(FIRST, 10, 10)).containsExactly(stored.get(2), deleted, stored.get(0));
        assertThat(deleted.deleted()).isTrue();
    }

    @Test
    void of_type_returns_messages_of_that_type_newest_first_up_to_the_limit() {
        Messages messages = create();
        Message call1 = messages.append(callDraft(FIRST, "call_1")).message();
        Message between = messages.append(text(FIRST, PATIENT, "between")).message();
        Message call2 = messages.append(callDraft(FIRST, "call_2")).message();
        Message image = messages.append(imageDraft(FIRST, PATIENT, "a_1", "look")).message();
        Message call3 = messages.append(callDraft(FIRST, "call_3")).message();
        messages.append(callDraft(SECOND, "call_other"));

        assertThat(messages.ofType(FIRST, MessageType.CALL, 10)).containsExactly(call3, call2, call1);
        assertThat(messages.ofType(FIRST, MessageType.CALL, 2)).containsExactly(call3, call2);
        assertThat(messages.ofType(FIRST, MessageType.IMAGE, 10)).containsExactly(image);
        assertThat(messages.ofType(FIRST, MessageType.AUDIO, 10)).isEmpty();
        assertThat(messages.ofType(THIRD, MessageType.CALL, 10)).isEmpty();
        Message last = messages.append(text(FIRST, PATIENT, "after")).message();
        assertThat(messages.ofType(FIRST, MessageType.TEXT, 10)).containsExactly(last, between);
        assertThat(messages.ofType(FIRST, MessageType.TEXT, 1)).containsExactly(last);
    }

    // ---- search ----

    @Test
    void search_finds_substrings_ignoring_case() {
        Messages messages = create();
        Message upper = messages.append(text(FIRST, PATIENT, "My BLOOD pressure is high")).message();
        Message inside = messages.append(text(FIRST, DOCTOR, "Check the bloodwork")).message();
        messages.append(text(FIRST, PATIENT, "Thank you"));

        assertThat(messages.search(List.of(FIRST), "blood", 10)).containsExactly(inside, upper);
        assertThat(messages.search(List.of(FIRST), "PRESSURE IS", 10)).containsExactly(upper);
        assertThat(messages.search(List.of(FIRST), "od pr", 10)).containsExactly(upper);
        assertThat(messages.search(List.of(FIRST), "aspirin", 10)).isEmpty();
    }

    @Test
    void search_ignores_case_beyond_ascii() {
        Messages messages = create();
        Message german = messages.append(text(FIRST, PATIENT, "Termin bei Dr. Müller")).message();
        Message french = messages.append(text(FIRST, PATIENT, "RÉSULTATS reçus")).message();

        assertThat(messages.search(List.of(FIRST), "MÜLLER", 10)).containsExactly(german);
        assertThat(messages.search(List.of(FIRST), "résultats", 10)).containsExactly(french);
    }

    @Test
    void search_looks_only_in_the_given_conversations() {
        Messages messages = create();
        Message mine = messages.append(text(FIRST, PATIENT, "results are ready")).message();
        Message alsoMine = messages.append(text(SECOND, PATIENT, "results?")).message();
        messages.append(text(THIRD, NURSE, "results of someone else"));

        assertThat(messages.search(List.of(FIRST, SECOND), "results", 10)).containsExactlyInAnyOrder(mine, alsoMine);
        assertThat(messages.search(List.of(FIRST), "results", 10)).containsExactly(mine);
        assertThat(messages.search(List.of(), "results", 10)).isEmpty();
    }

    @Test
    void search_returns_newest_first_across_conversations_up_to_the_limit() {
        Messages messages = create();
        List<Message> stored = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ConversationId conversation = i % 2 == 0 ? FIRST : SECOND;
            MessageDraft draft = draft(MessageId.of("m_s" + i), conversation, PATIENT, "dose " + i, null,
                    T0.plusSeconds(i * 10L));
            stored.add(messages.append(draft).message());
        }

        assertThat(messages.search(List.of(FIRST, SECOND), "dose", 10))
                .containsExactly(stored.get(5), stored.get(4), stored.get(3), stored.get(2), stored.get(1), stored.get(0));
        assertThat(messages.search(List.of(FIRST, SECOND), "DOSE", 3))
                .containsExactly(stored.get(5), stored.get(4), stored.get(3));
    }

    @Test
    void search_never_matches_deleted_messages() {
        Messages messages = create();
        Message kept = messages.append(text(FIRST, PATIENT, "secret one")).message();
        Message gone = messages.append(text(FIRST, PATIENT, "secret two")).message();
        messages.update(gone.id(), m -> m.delete(PATIENT));

        assertThat(messages.search(List.of(FIRST), "secret", 10)).containsExactly(kept);
        assertThat(messages.search(List.of(FIRST), "two", 10)).isEmpty();
    }

    @Test
    void search_matches_the_current_text_of_an_edited_message() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "see you monday")).message();
        Message edited = stored.edit(PATIENT, "see you tuesday", T0.plusSeconds(30), EDIT_WINDOW);
        messages.update(stored.id(), m -> m.edit(PATIENT, "see you tuesday", T0.plusSeconds(30), EDIT_WINDOW));

        assertThat(messages.search(List.of(FIRST), "tuesday", 10)).containsExactly(edited);
        assertThat(messages.search(List.of(FIRST), "monday", 10)).isEmpty();
    }

    @Test
    void search_treats_regular_expression_characters_literally() {
        Messages messages = create();
        Message dotStar = messages.append(text(FIRST, PATIENT, "pattern a.*b here")).message();
        messages.append(text(FIRST, PATIENT, "anything at all"));
        messages.append(text(FIRST, PATIENT, "axxb"));
        Message paren = messages.append(text(FIRST, PATIENT, "take 2 (two) pills [daily] $5 ^x | y \\ end?")).message();

        assertThat(messages.search(List.of(FIRST), ".*", 10)).containsExactly(dotStar);
        assertThat(messages.search(List.of(FIRST), "a.*b", 10)).containsExactly(dotStar);
        assertThat(messages.search(List.of(FIRST), "(two", 10)).containsExactly(paren);
        assertThat(messages.search(List.of(FIRST), "[daily]", 10)).containsExactly(paren);
        assertThat(messages.search(List.of(FIRST), "$5 ^x | y \\ end?", 10)).containsExactly(paren);
        assertThat(messages.search(List.of(FIRST), "a.b", 10)).isEmpty();
        assertThat(messages.search(List.of(FIRST), "\\", 10)).containsExactly(paren);
    }

    @Test
    void search_finds_the_caption_of_an_attachment_message() {
        Messages messages = create();
        Message image = messages.append(imageDraft(FIRST, PATIENT, "a_rash", "Rash on my ARM")).message();
        messages.append(imageDraft(FIRST, PATIENT, "a_plain", null));

        assertThat(messages.search(List.of(FIRST), "arm", 10)).containsExactly(image);
    }

    // ---- attachments ----

    @Test
    void referencing_finds_the_messages_carrying_the_attachment_but_not_deleted_ones() {
        Messages messages = create();
        Message inFirst = messages.append(imageDraft(FIRST, PATIENT, "a_shared", "here")).message();
        Message inSecond = messages.append(imageDraft(SECOND, PATIENT, "a_shared", "again")).message();
        Message deleted = messages.append(imageDraft(FIRST, PATIENT, "a_shared", "oops")).message();
        messages.append(imageDraft(FIRST, PATIENT, "a_other", "other"));
        messages.append(text(FIRST, PATIENT, "a_shared is the name"));
        messages.update(deleted.id(), m -> m.delete(PATIENT));

        assertThat(messages.referencing(AttachmentId.of("a_shared"))).containsExactlyInAnyOrder(inFirst, inSecond);
        assertThat(messages.referencing(AttachmentId.of("a_other"))).hasSize(1);
        assertThat(messages.referencing(AttachmentId.of("a_none"))).isEmpty();
    }

    // ---- round trip of every field ----

    @Test
    void text_message_round_trips_every_field() {
        Messages messages = create();
        Message parent = messages.append(text(FIRST, DOCTOR, "How are you?")).message();
        String content = "Grüße, Dr. Ada 👩🏽‍⚕️ 你好 שלום e\u0301 \"quoted\" $set {a.b: 1}\n\tline two ";
        MessageDraft draft = new MessageDraft(MessageId.of("m_roundtrip"), FIRST, PATIENT, MessageType.TEXT, content,
                null, parent.id(), "client-key-ü", T0.plusMillis(1), null);
        Message stored = messages.append(draft).message();
        Instant editedAt = T0.plusSeconds(61).plusMillis(7);
        Message expected = stored.edit(PATIENT, content + "(edited)", editedAt, EDIT_WINDOW)
                .react(DOCTOR, "👍")
                .react(NURSE, "❤️")
                .react(PATIENT, "👍")
                .react(DOCTOR, "😂");
        messages.update(stored.id(), m -> m.edit(PATIENT, content + "(edited)", editedAt, EDIT_WINDOW));
        messages.update(stored.id(), m -> m.react(DOCTOR, "👍"));
        messages.update(stored.id(), m -> m.react(NURSE, "❤️"));
        messages.update(stored.id(), m -> m.react(PATIENT, "👍"));
        messages.update(stored.id(), m -> m.react(DOCTOR, "😂"));

        Message found = messages.find(stored.id()).orElseThrow();

        assertThat(found).isEqualTo(expected);
        assertThat(found.content()).isEqualTo(content + "(edited)");
        assertThat(found.replyTo()).isEqualTo(parent.id());
        assertThat(found.clientMessageId()).isEqualTo("client-key-ü");
        assertThat(found.createdAt()).isEqualTo(T0.plusMillis(1));
        assertThat(found.editedAt()).isEqualTo(editedAt);
        assertThat(found.attachment()).isNull();
        assertThat(found.call()).isNull();
        assertReactionOrder(found, expected);
    }

    @Test
    void attachment_message_round_trips_every_field() {
        Messages messages = create();
        AttachmentRef ref = new AttachmentRef(AttachmentId.of("a_lab.pdf"), "Laborbefund März 2026.pdf",
                "application/pdf", 81_234L);
        MessageDraft draft = new MessageDraft(MessageId.of("m_file"), FIRST, PATIENT, MessageType.FILE, "my results",
                ref, null, null, T0.plusMillis(999), null);

        Message stored = messages.append(draft).message();

        assertThat(stored).isEqualTo(draft.at(1));
        Message found = messages.find(draft.id()).orElseThrow();
        assertThat(found).isEqualTo(draft.at(1));
        assertThat(found.attachment()).isEqualTo(ref);
        assertThat(found.replyTo()).isNull();
        assertThat(found.clientMessageId()).isNull();
        assertThat(found.editedAt()).isNull();
        assertThat(found.reactions().isEmpty()).isTrue();
    }

    @Test
    void call_message_round_trips_its_summary() {
        Messages messages = create();
        CallSummary summary = new CallSummary(CallId.of("call_9"), CallMedia.VIDEO, CallOutcome.COMPLETED, 754);
        MessageDraft draft = new MessageDraft(MessageId.of("m_call"), FIRST, DOCTOR, MessageType.CALL, null, null,
                null, null, T0, summary);

        messages.append(draft);

        Message found = messages.find(draft.id()).orElseThrow();
        assertThat(found).isEqualTo(draft.at(1));
        assertThat(found.call()).isEqualTo(summary);
        assertThat(found.content()).isNull();
    }

    @Test
    void deleted_message_round_trips_as_a_tombstone() {
        Messages messages = create();
        Message parent = messages.append(text(FIRST, DOCTOR, "question")).message();
        MessageDraft draft = new MessageDraft(MessageId.of("m_gone"), FIRST, PATIENT, MessageType.IMAGE, "caption",
                new AttachmentRef(AttachmentId.of("a_img"), "photo.jpg", "image/jpeg", 1234), parent.id(), "key-gone",
                T0.plusSeconds(2), null);
        messages.append(draft);
        messages.update(draft.id(), m -> m.react(DOCTOR, "👍"));
        Instant deletedAt = T0.plusSeconds(3).plusMillis(456);

        messages.update(draft.id(), m -> m.delete(PATIENT));

        Message found = messages.find(draft.id()).orElseThrow();
        assertThat(found).isEqualTo(draft.at(2).delete(PATIENT));
        assertThat(found.deleted()).isTrue();
        assertThat(found.content()).isNull();
        assertThat(found.attachment()).isNull();
        assertThat(found.reactions().isEmpty()).isTrue();
        assertThat(found.seq()).isEqualTo(2);
        assertThat(found.replyTo()).isEqualTo(parent.id());
        assertThat(messages.findByClientMessageId(PATIENT, "key-gone")).contains(found);
    }

    @Test
    void reactions_whose_emoji_look_like_field_paths_round_trip_in_order() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "odd emoji")).message();
        List<String> emojis = List.of("$set", "a.b", ".", "+1", "_id", "🇺🇳", "z", "1");
        Message expected = stored;
        for (int i = 0; i < emojis.size(); i++) {
            String emoji = emojis.get(i);
            UserId user = i % 2 == 0 ? DOCTOR : NURSE;
            expected = expected.react(user, emoji);
            messages.update(stored.id(), m -> m.react(user, emoji));
        }
        expected = expected.react(PATIENT, "$set");
        messages.update(stored.id(), m -> m.react(PATIENT, "$set"));

        Message found = messages.find(stored.id()).orElseThrow();

        assertThat(found).isEqualTo(expected);
        assertThat(found.reactions().byEmoji().keySet()).containsExactlyElementsOf(emojis);
        assertThat(found.reactions().byEmoji().get("$set")).containsExactly(DOCTOR, PATIENT);
        assertReactionOrder(found, expected);
    }

    @Test
    void removing_the_last_reaction_of_an_emoji_round_trips_without_it() {
        Messages messages = create();
        Message stored = messages.append(text(FIRST, PATIENT, "hello")).message();
        messages.update(stored.id(), m -> m.react(DOCTOR, "👍"));
        messages.update(stored.id(), m -> m.react(DOCTOR, "❤️"));

        messages.update(stored.id(), m -> m.unreact(DOCTOR, "👍"));

        Message found = messages.find(stored.id()).orElseThrow();
        assertThat(found.reactions().byEmoji()).containsOnlyKeys("❤️");
        assertThat(found.reactions().byEmoji().get("❤️")).containsExactly(DOCTOR);
    }

    @Test
    void every_query_returns_the_message_with_all_its_fields() {
        Messages messages = create();
        AttachmentRef ref = new AttachmentRef(AttachmentId.of("a_scan"), "scan (1).png", "image/png", 4096);
        MessageDraft draft = new MessageDraft(MessageId.of("m_all"), FIRST, PATIENT, MessageType.IMAGE,
                "Scan of the wound – día 3 🩹", ref, MessageId.of("m_parent"), "key-all", T0.plusMillis(321), null);
        messages.append(draft);
        Instant editedAt = T0.plusSeconds(10).plusMillis(1);
        Message expected = draft.at(1).edit(PATIENT, "Scan of the wound – día 4 🩹", editedAt, EDIT_WINDOW)
                .react(DOCTOR, "🙏").react(NURSE, "🙏").react(NURSE, "👀");
        assertThat(messages.update(draft.id(), m -> m.edit(PATIENT, "Scan of the wound – día 4 🩹", editedAt,
                EDIT_WINDOW).react(DOCTOR, "🙏").react(NURSE, "🙏").react(NURSE, "👀"))).contains(expected);

        assertThat(messages.find(draft.id())).contains(expected);
        assertThat(messages.findByClientMessageId(PATIENT, "key-all")).contains(expected);
        assertThat(messages.before(FIRST, 2, 1)).containsExactly(expected);
        assertThat(messages.after(FIRST, 0, 1)).containsExactly(expected);
        assertThat(messages.ofType(FIRST, MessageType.IMAGE, 1)).containsExactly(expected);
        assertThat(messages.search(List.of(FIRST), "wound – día 4", 1)).containsExactly(expected);
        assertThat(messages.referencing(ref.id())).containsExactly(expected);
        for (Message each : List.of(messages.after(FIRST, 0, 1).get(0), messages.referencing(ref.id()).get(0))) {
            assertReactionOrder(each, expected);
        }
    }

    @Test
    void purge_candidates_are_the_undeleted_messages_created_before_the_cutoff_oldest_first_up_to_the_limit() {
        Messages messages = create();
        List<Message> first = appendTexts(messages, FIRST, 3);
        List<Message> second = appendTexts(messages, SECOND, 2);
        Message late = messages.append(text(FIRST, PATIENT, "late")).message();
        messages.update(first.get(1).id(), message -> message.delete(message.senderId()));
        Instant cutoff = late.createdAt();

        assertThat(messages.purgeCandidates(new Messages.PurgeQuery(cutoff, Set.of(), Set.of(), 10)))
                .containsExactly(first.get(0), first.get(2), second.get(0), second.get(1));
        assertThat(messages.purgeCandidates(new Messages.PurgeQuery(cutoff, Set.of(), Set.of(), 2)))
                .containsExactly(first.get(0), first.get(2));
        assertThat(messages.purgeCandidates(new Messages.PurgeQuery(first.get(0).createdAt(), Set.of(), Set.of(), 10)))
                .isEmpty();
    }

    @Test
    void purge_candidates_of_some_conversations_only_or_of_all_but_some() {
        Messages messages = create();
        List<Message> first = appendTexts(messages, FIRST, 2);
        List<Message> second = appendTexts(messages, SECOND, 2);
        List<Message> third = appendTexts(messages, THIRD, 1);
        Instant cutoff = T0.plusSeconds(1000);

        assertThat(messages.purgeCandidates(new Messages.PurgeQuery(cutoff, Set.of(SECOND), Set.of(), 10)))
                .containsExactlyElementsOf(second);
        assertThat(messages.purgeCandidates(new Messages.PurgeQuery(cutoff, Set.of(), Set.of(FIRST, SECOND), 10)))
                .containsExactlyElementsOf(third);
        assertThat(messages.purgeCandidates(new Messages.PurgeQuery(cutoff, Set.of(), Set.of(SECOND), 10)))
                .containsExactly(first.get(0), first.get(1), third.get(0));
    }

    // ---- helpers ----

    private static void assertReactionOrder(Message actual, Message expected) {
        assertThat(actual.reactions().byEmoji().keySet())
                .containsExactlyElementsOf(expected.reactions().byEmoji().keySet());
        for (Map.Entry<String, List<UserId>> entry : expected.reactions().byEmoji().entrySet()) {
            assertThat(actual.reactions().byEmoji().get(entry.getKey())).as("users of " + entry.getKey())
                    .containsExactlyElementsOf(entry.getValue());
        }
    }

    private List<Message> appendTexts(Messages messages, ConversationId conversation, int count) {
        List<Message> stored = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> stored.add(
                messages.append(text(conversation, i % 2 == 0 ? PATIENT : DOCTOR, "text " + i)).message()));
        return stored;
    }

    private MessageDraft text(ConversationId conversation, UserId sender, String content) {
        return keyed(conversation, sender, content, null);
    }

    private MessageDraft urgent(ConversationId conversation, UserId sender, String content) {
        MessageDraft plain = text(conversation, sender, content);
        return new MessageDraft(plain.id(), plain.conversationId(), plain.senderId(), plain.type(), plain.content(), null,
                null, null, plain.createdAt(), null, MessagePriority.URGENT);
    }

    private MessageDraft keyed(ConversationId conversation, UserId sender, String content, String clientMessageId) {
        int n = ++drafted;
        return draft(MessageId.of("m_" + n), conversation, sender, content, clientMessageId, T0.plusSeconds(n));
    }

    private MessageDraft imageDraft(ConversationId conversation, UserId sender, String attachmentId, String caption) {
        int n = ++drafted;
        AttachmentRef ref = new AttachmentRef(AttachmentId.of(attachmentId), "photo.jpg", "image/jpeg", 2048);
        return new MessageDraft(MessageId.of("m_" + n), conversation, sender, MessageType.IMAGE, caption, ref, null,
                null, T0.plusSeconds(n), null);
    }

    private MessageDraft callDraft(ConversationId conversation, String callId) {
        int n = ++drafted;
        CallSummary summary = new CallSummary(CallId.of(callId), CallMedia.AUDIO, CallOutcome.MISSED, 0);
        return new MessageDraft(MessageId.of("m_" + n), conversation, DOCTOR, MessageType.CALL, null, null, null,
                null, T0.plusSeconds(n), summary);
    }

    private static MessageDraft draft(MessageId id, ConversationId conversation, UserId sender, String content,
                                      String clientMessageId, Instant createdAt) {
        return new MessageDraft(id, conversation, sender, MessageType.TEXT, content, null, null, clientMessageId,
                createdAt, null);
    }

    private static Message withContent(Message m, String content) {
        return new Message(m.id(), m.conversationId(), m.seq(), m.senderId(), m.type(), content, m.attachment(),
                m.replyTo(), m.clientMessageId(), m.createdAt(), m.editedAt(), m.deleted(), m.reactions(), m.call());
    }
}
