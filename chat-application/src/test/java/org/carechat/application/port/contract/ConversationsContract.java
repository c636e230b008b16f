package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carechat.application.port.Conversations;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Conversations} store promises: one direct conversation per pair of people even when
 * creators race, atomic updates that never lose a change, a participant's list most recently updated
 * first, and an exact round trip of participants and their cursors.
 */
public abstract class ConversationsContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId NURSE = UserId.of("n1");
    private static final UserId OTHER_PATIENT = UserId.of("p2");

    /** A fresh, empty store for each test. */
    protected abstract Conversations create();

    @Test
    void find_of_an_unknown_conversation_is_empty() {
        Conversations conversations = create();

        assertThat(conversations.find(ConversationId.of("c_unknown"))).isEmpty();
    }

    @Test
    void get_or_create_direct_stores_the_candidate_when_the_pair_has_no_conversation() {
        Conversations conversations = create();
        Conversation candidate = Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0);

        Conversation stored = conversations.getOrCreateDirect(candidate);

        assertThat(stored).isEqualTo(candidate);
        assertThat(conversations.find(candidate.id())).contains(candidate);
    }

    @Test
    void get_or_create_direct_returns_the_stored_conversation_for_the_same_pair_in_either_order() {
        Conversations conversations = create();
        Conversation first = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));

        Conversation sameOrder = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_2"), PATIENT, DOCTOR, T0.plusSeconds(5)));
        Conversation reversed = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_3"), DOCTOR, PATIENT, T0.plusSeconds(9)));

        assertThat(sameOrder).isEqualTo(first);
        assertThat(reversed).isEqualTo(first);
        assertThat(conversations.find(ConversationId.of("c_2"))).isEmpty();
        assertThat(conversations.find(ConversationId.of("c_3"))).isEmpty();
        assertThat(conversations.ofParticipant(PATIENT)).containsExactly(first);
    }

    @Test
    void get_or_create_direct_returns_the_conversation_as_last_updated() {
        Conversations conversations = create();
        ConversationId id = ConversationId.of("c_1");
        conversations.getOrCreateDirect(Conversation.direct(id, PATIENT, DOCTOR, T0));
        Conversation updated = conversations.update(id, c -> c.withMessage(1, PATIENT, T0.plusSeconds(1)))
                .orElseThrow();

        Conversation again = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_2"), DOCTOR, PATIENT, T0.plusSeconds(2)));

        assertThat(again).isEqualTo(updated);
        assertThat(again.lastSeq()).isEqualTo(1);
    }

    @Test
    void different_pairs_get_different_conversations() {
        Conversations conversations = create();

        Conversation withDoctor = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));
        Conversation withNurse = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_2"), PATIENT, NURSE, T0));
        Conversation consult = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_3"), NURSE, DOCTOR, T0));

        assertThat(List.of(withDoctor.id(), withNurse.id(), consult.id())).doesNotHaveDuplicates();
        assertThat(conversations.find(ConversationId.of("c_3"))).contains(consult);
    }

    @Test
    void racing_creators_of_the_same_pair_all_get_the_same_conversation() {
        Conversations conversations = create();
        int threads = 8;
        int pairs = 25;

        List<List<Conversation>> results = Race.run(threads, t -> {
            List<Conversation> mine = new java.util.ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                UserId patient = UserId.of("p_" + p);
                UserId clinician = UserId.of("d_" + p);
                ConversationId candidateId = ConversationId.of("c_" + p + "_" + t);
                Conversation candidate = t % 2 == 0
                        ? Conversation.direct(candidateId, patient, clinician, T0.plusMillis(t))
                        : Conversation.direct(candidateId, clinician, patient, T0.plusMillis(t));
                mine.add(conversations.getOrCreateDirect(candidate));
            }
            return mine;
        });

        for (int p = 0; p < pairs; p++) {
            int pair = p;
            List<Conversation> forPair = results.stream().map(list -> list.get(pair)).toList();
            assertThat(forPair.stream().map(Conversation::id).distinct()).as("ids of pair " + p).hasSize(1);
            ConversationId winner = forPair.get(0).id();
            for (int t = 0; t < threads; t++) {
                ConversationId candidateId = ConversationId.of("c_" + p + "_" + t);
                assertThat(conversations.find(candidateId).isPresent()).as(candidateId + " stored")
                        .isEqualTo(candidateId.equals(winner));
            }
            assertThat(conversations.ofParticipant(UserId.of("p_" + p))).extracting(Conversation::id)
                    .containsExactly(winner);
        }
    }

    @Test
    void find_direct_finds_the_pair_in_both_orders() {
        Conversations conversations = create();
        Conversation stored = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));
        conversations.getOrCreateDirect(Conversation.direct(ConversationId.of("c_2"), NURSE, DOCTOR, T0));

        assertThat(conversations.findDirect(PATIENT, DOCTOR)).contains(stored);
        assertThat(conversations.findDirect(DOCTOR, PATIENT)).contains(stored);
        assertThat(conversations.findDirect(PATIENT, NURSE)).isEmpty();
        assertThat(conversations.findDirect(OTHER_PATIENT, DOCTOR)).isEmpty();
    }

    @Test
    void update_applies_the_change_and_returns_the_stored_result() {
        Conversations conversations = create();
        Conversation stored = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));
        Conversation expected = stored.withMessage(1, PATIENT, T0.plusSeconds(3));

        Optional<Conversation> updated = conversations.update(stored.id(), c -> c.withMessage(1, PATIENT,
                T0.plusSeconds(3)));

        assertThat(updated).contains(expected);
        assertThat(conversations.find(stored.id())).contains(expected);
        assertThat(conversations.findDirect(DOCTOR, PATIENT)).contains(expected);
    }

    @Test
    void update_of_an_unknown_conversation_is_empty_and_creates_nothing() {
        Conversations conversations = create();
        ConversationId unknown = ConversationId.of("c_unknown");

        assertThat(conversations.update(unknown, c -> c.mutedBy(PATIENT, true))).isEmpty();
        assertThat(conversations.find(unknown)).isEmpty();
        assertThat(conversations.ofParticipant(PATIENT)).isEmpty();
    }

    @Test
    void concurrent_updates_never_lose_a_change() {
        Conversations conversations = create();
        Conversation stored = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));
        int threads = 8;
        int perThread = 250;

        Race.runAll(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                assertThat(conversations.update(stored.id(), ConversationsContract::oneMoreMessage)).isPresent();
            }
        });

        assertThat(conversations.find(stored.id()).orElseThrow().lastSeq()).isEqualTo((long) threads * perThread);
    }

    @Test
    void concurrent_cursor_moves_of_different_participants_are_all_kept() {
        Conversations conversations = create();
        Conversation stored = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));
        int steps = 300;

        Race.runAll(4, t -> {
            for (int i = 1; i <= steps; i++) {
                long seq = i;
                switch (t) {
                    case 0 -> conversations.update(stored.id(), c -> c.withMessage(seq, PATIENT, T0.plusMillis(seq)));
                    case 1 -> conversations.update(stored.id(), c -> oneMoreDelivery(c, DOCTOR));
                    case 2 -> conversations.update(stored.id(), c -> c.pinnedBy(DOCTOR, seq % 2 == 0));
                    default -> conversations.update(stored.id(), c -> c.mutedBy(PATIENT, seq % 2 == 1));
                }
            }
        });

        Conversation after = conversations.find(stored.id()).orElseThrow();
        assertThat(after.lastSeq()).isEqualTo(steps);
        assertThat(after.stateOf(PATIENT).readSeq()).isEqualTo(steps);
        assertThat(after.stateOf(DOCTOR).deliveredSeq()).isEqualTo(steps);
        assertThat(after.stateOf(DOCTOR).pinned()).isTrue();
        assertThat(after.stateOf(PATIENT).muted()).isFalse();
        assertThat(after.updatedAt()).isEqualTo(T0.plusMillis(steps));
    }

    @Test
    void of_participant_lists_only_the_users_conversations_most_recently_updated_first() {
        Conversations conversations = create();
        Conversation withDoctor = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_doc"), PATIENT, DOCTOR, T0));
        Conversation withNurse = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_nurse"), NURSE, PATIENT, T0.plusSeconds(1)));
        Conversation consult = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_consult"), DOCTOR, NURSE, T0.plusSeconds(2)));
        Conversation third = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_third"), PATIENT, UserId.of("m1"), T0.plusSeconds(3)));

        assertThat(conversations.ofParticipant(PATIENT)).extracting(Conversation::id)
                .containsExactly(third.id(), withNurse.id(), withDoctor.id());

        conversations.update(withDoctor.id(), c -> c.withMessage(1, DOCTOR, T0.plusSeconds(10)));
        conversations.update(withNurse.id(), c -> c.withMessage(1, NURSE, T0.plusSeconds(20)));

        assertThat(conversations.ofParticipant(PATIENT)).extracting(Conversation::id)
                .containsExactly(withNurse.id(), withDoctor.id(), third.id());
        assertThat(conversations.ofParticipant(PATIENT).get(0))
                .isEqualTo(conversations.find(withNurse.id()).orElseThrow());
        assertThat(conversations.ofParticipant(NURSE)).extracting(Conversation::id)
                .containsExactly(withNurse.id(), consult.id());
        assertThat(conversations.ofParticipant(OTHER_PATIENT)).isEmpty();
    }

    @Test
    void participants_and_their_states_round_trip_exactly() {
        Conversations conversations = create();
        Instant created = T0.plusMillis(17);
        Conversation stored = conversations.getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_roundtrip"), DOCTOR, PATIENT, created));
        Conversation expected = stored
                .withMessage(1, DOCTOR, T0.plusSeconds(1).plusMillis(1))
                .withMessage(2, PATIENT, T0.plusSeconds(2).plusMillis(2))
                .withMessage(7, DOCTOR, T0.plusSeconds(7).plusMillis(7))
                .deliveredUpTo(PATIENT, 6)
                .readUpTo(PATIENT, 4)
                .mutedBy(PATIENT, true)
                .pinnedBy(DOCTOR, true);

        conversations.update(stored.id(), c -> c.withMessage(1, DOCTOR, T0.plusSeconds(1).plusMillis(1)));
        conversations.update(stored.id(), c -> c.withMessage(2, PATIENT, T0.plusSeconds(2).plusMillis(2)));
        conversations.update(stored.id(), c -> c.withMessage(7, DOCTOR, T0.plusSeconds(7).plusMillis(7)));
        conversations.update(stored.id(), c -> c.deliveredUpTo(PATIENT, 6));
        conversations.update(stored.id(), c -> c.readUpTo(PATIENT, 4));
        conversations.update(stored.id(), c -> c.mutedBy(PATIENT, true));
        conversations.update(stored.id(), c -> c.pinnedBy(DOCTOR, true));

        Conversation found = conversations.find(stored.id()).orElseThrow();
        assertThat(found).isEqualTo(expected);
        assertThat(found.participants()).containsExactly(DOCTOR, PATIENT);
        assertThat(found.states()).isEqualTo(Map.of(
                PATIENT, new ParticipantState(6, 4, true, false),
                DOCTOR, new ParticipantState(7, 7, false, true)));
        assertThat(found.lastSeq()).isEqualTo(7);
        assertThat(found.createdAt()).isEqualTo(created);
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(7).plusMillis(7));
        assertThat(conversations.findDirect(PATIENT, DOCTOR)).contains(expected);
        assertThat(conversations.ofParticipant(DOCTOR)).containsExactly(expected);
    }

    private static Conversation oneMoreMessage(Conversation c) {
        return new Conversation(c.id(), c.participants(), c.states(), c.lastSeq() + 1, c.createdAt(), c.updatedAt());
    }

    /** Moves a participant's delivery cursor one further, raising the conversation's last seq when needed. */
    private static Conversation oneMoreDelivery(Conversation c, UserId user) {
        long next = c.stateOf(user).deliveredSeq() + 1;
        Conversation room = next > c.lastSeq()
                ? new Conversation(c.id(), c.participants(), c.states(), next, c.createdAt(), c.updatedAt())
                : c;
        return room.deliveredUpTo(user, next);
    }
}
