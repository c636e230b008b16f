package org.carechat.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** A conversation's messages by seq: pages either way across chunk boundaries, holes skipped, bad seqs refused. */
class PlacesTest {

    @Test
    void pages_read_the_right_seqs_either_way_across_chunk_boundaries() {
        Places places = filled(3000);

        assertThat(seqs(places.below(Long.MAX_VALUE, 3))).containsExactly(3000L, 2999L, 2998L);
        assertThat(seqs(places.below(1026, 4))).containsExactly(1025L, 1024L, 1023L, 1022L);
        assertThat(seqs(places.below(3, 10))).containsExactly(2L, 1L);
        assertThat(places.below(1, 10)).isEmpty();
        assertThat(places.below(0, 10)).isEmpty();
        assertThat(seqs(places.above(1021, 4))).containsExactly(1022L, 1023L, 1024L, 1025L);
        assertThat(seqs(places.above(0, 2))).containsExactly(1L, 2L);
        assertThat(seqs(places.above(-5, 2))).containsExactly(1L, 2L);
        assertThat(places.above(3000, 10)).isEmpty();
        assertThat(places.above(Long.MAX_VALUE, 10)).isEmpty();
        assertThat(places.get(2048).seq()).isEqualTo(2048);
        assertThat(places.get(3001)).isNull();
        assertThat(places.get(0)).isNull();
        assertThat(places.last()).isEqualTo(3000);
    }

    @Test
    void holes_are_skipped_and_a_later_message_may_fill_one() {
        Places places = new Places();
        places.set(1, message(1));
        places.set(5000, message(5000));

        assertThat(seqs(places.below(Long.MAX_VALUE, 10))).containsExactly(5000L, 1L);
        assertThat(seqs(places.above(0, 10))).containsExactly(1L, 5000L);
        assertThat(places.has(2)).isFalse();
        assertThat(places.has(3000)).isFalse();

        places.set(2, message(2));
        assertThat(seqs(places.above(0, 10))).containsExactly(1L, 2L, 5000L);
        assertThat(places.last()).isEqualTo(5000);
    }

    @Test
    void a_replace_only_takes_the_message_it_expects() {
        Places places = filled(2);
        Message first = places.get(1);
        Message edited = first.react(UserId.of("d1"), "👍");

        assertThat(places.replace(1, message(1), edited)).as("an equal but other instance").isFalse();
        assertThat(places.replace(1, first, edited)).isTrue();
        assertThat(places.get(1)).isSameAs(edited);
        assertThat(places.replace(7, first, edited)).isFalse();
    }

    @Test
    void a_seq_outside_one_to_the_maximum_is_refused() {
        Places places = new Places();
        assertThatThrownBy(() -> places.set(0, message(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> places.set(-1, message(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> places.set(Long.MAX_VALUE, message(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_reader_beside_the_writer_never_sees_a_hole_below_the_last_seq() throws Exception {
        Places places = new Places();
        AtomicBoolean done = new AtomicBoolean();
        List<String> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                long last = places.last();
                for (long seq = 1; seq <= last; seq++) {
                    if (places.get(seq) == null) {
                        seen.add("hole at " + seq + " below " + last);
                        return;
                    }
                }
            }
        });
        reader.start();
        for (long seq = 1; seq <= 20_000; seq++) {
            places.set(seq, message(seq));
        }
        done.set(true);
        reader.join();
        assertThat(seen).isEmpty();
    }

    private static Places filled(int count) {
        Places places = new Places();
        for (long seq = 1; seq <= count; seq++) {
            places.set(seq, message(seq));
        }
        return places;
    }

    private static Message message(long seq) {
        return new MessageDraft(MessageId.of("m_" + seq), ConversationId.of("c_1"), UserId.of("p1"), MessageType.TEXT,
                "hello " + seq, null, null, null, Instant.parse("2026-12-02T10:00:00Z"), null).at(seq);
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }
}
