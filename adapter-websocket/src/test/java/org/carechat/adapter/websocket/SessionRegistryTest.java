package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.carechat.application.SessionId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.user.UserId;
import org.carechat.wire.Metrics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SessionRegistryTest {
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");

    private final Metrics metrics = new Metrics();
    private final SessionRegistry registry = new SessionRegistry(metrics);

    private Outbox socket(UserId user, String session, FakeSink sink) {
        Outbox outbox = new Outbox(new SessionId(session), user, 10_000, sink, Runnable::run, metrics);
        registry.add(outbox);
        return outbox;
    }

    private static ChatEvent deleted(int n) {
        return new ChatEvent.MessageDeleted(ConversationId.of("c_1"), MessageId.of("m" + n));
    }

    @Test
    void an_event_reaches_every_socket_of_every_recipient_except_the_one_it_came_from() {
        FakeSink phone = new FakeSink(FakeSink.Mode.INLINE);
        FakeSink laptop = new FakeSink(FakeSink.Mode.INLINE);
        FakeSink doctor = new FakeSink(FakeSink.Mode.INLINE);
        FakeSink stranger = new FakeSink(FakeSink.Mode.INLINE);
        socket(PATIENT, "s-phone", phone);
        socket(PATIENT, "s-laptop", laptop);
        socket(DOCTOR, "s-doctor", doctor);
        socket(UserId.of("p2"), "s-stranger", stranger);

        registry.notify(List.of(PATIENT, DOCTOR, DOCTOR), deleted(1), new SessionId("s-phone"));

        assertThat(phone.sent).isEmpty();
        assertThat(laptop.sent).hasSize(1);
        assertThat(doctor.sent).hasSize(1);
        assertThat(stranger.sent).isEmpty();
        JsonNode frame = TestClient.JSON.readTree(doctor.sent.get(0));
        assertThat(frame.get("event").stringValue()).isEqualTo("message_deleted");
        assertThat(frame.has("re")).isFalse();
        assertThat(frame.get("data").get("messageId").stringValue()).isEqualTo("m1");
        assertThat(frame.get("data").get("conversationId").stringValue()).isEqualTo("c_1");
    }

    @Test
    void an_event_is_encoded_once_for_all_its_sockets() {
        FakeSink phone = new FakeSink(FakeSink.Mode.INLINE);
        FakeSink doctor = new FakeSink(FakeSink.Mode.INLINE);
        socket(PATIENT, "s-phone", phone);
        socket(DOCTOR, "s-doctor", doctor);

        registry.notify(List.of(PATIENT, DOCTOR), deleted(1), null);

        assertThat(phone.sent.get(0)).isSameAs(doctor.sent.get(0));
    }

    @Test
    void events_published_in_order_arrive_in_that_order_on_every_socket() throws InterruptedException {
        ExecutorService completions = Executors.newFixedThreadPool(3);
        FakeSink phone = new FakeSink(FakeSink.Mode.ON_EXECUTOR, completions);
        FakeSink doctor = new FakeSink(FakeSink.Mode.ON_EXECUTOR, completions);
        socket(PATIENT, "s-phone", phone);
        socket(DOCTOR, "s-doctor", doctor);

        IntStream.range(0, 1_000).forEach(n -> registry.notify(List.of(PATIENT, DOCTOR), deleted(n), null));

        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((phone.sent.size() < 1_000 || doctor.sent.size() < 1_000) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        completions.shutdown();
        List<String> expected = IntStream.range(0, 1_000).mapToObj(n -> "m" + n).toList();
        for (FakeSink sink : List.of(phone, doctor)) {
            assertThat(sink.sentCopy()).extracting(f -> TestClient.JSON.readTree(f).get("data").get("messageId").stringValue())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void a_socket_that_does_not_read_delays_nobody_and_is_closed_when_too_far_behind() {
        FakeSink stuck = new FakeSink(FakeSink.Mode.MANUAL);
        FakeSink fine = new FakeSink(FakeSink.Mode.INLINE);
        Outbox slow = new Outbox(new SessionId("s-stuck"), PATIENT, 10, stuck, Runnable::run, metrics);
        registry.add(slow);
        socket(DOCTOR, "s-doctor", fine);

        IntStream.range(0, 100).forEach(n -> registry.notify(List.of(PATIENT, DOCTOR), deleted(n), null));

        assertThat(fine.sent).hasSize(100);
        assertThat(stuck.sent).hasSize(1);
        assertThat(stuck.closes).hasSize(1);
        assertThat(stuck.closes.get(0).getCloseCode().getCode()).isEqualTo(1013);
    }

    @Test
    void registering_respects_the_per_user_and_the_total_cap_and_removing_makes_room() {
        Outbox phone = outbox(PATIENT, "s-phone");
        Outbox laptop = outbox(PATIENT, "s-laptop");
        Outbox tablet = outbox(PATIENT, "s-tablet");
        Outbox doctor = outbox(DOCTOR, "s-doctor");
        Outbox other = outbox(UserId.of("d2"), "s-other");

        assertThat(registry.add(phone, 2, 4)).isEqualTo(SessionRegistry.Room.ADDED);
        assertThat(registry.add(laptop, 2, 4)).isEqualTo(SessionRegistry.Room.ADDED);
        assertThat(registry.add(tablet, 2, 4)).isEqualTo(SessionRegistry.Room.USER_FULL);
        assertThat(registry.add(doctor, 2, 3)).isEqualTo(SessionRegistry.Room.ADDED);
        assertThat(registry.add(other, 2, 3)).isEqualTo(SessionRegistry.Room.SERVER_FULL);
        assertThat(registry.connectionCount()).isEqualTo(3);

        registry.remove(phone);

        assertThat(registry.add(tablet, 2, 3)).isEqualTo(SessionRegistry.Room.ADDED);
        assertThat(registry.socketsOf(PATIENT)).containsExactlyInAnyOrder(laptop, tablet);
        assertThat(registry.connectionCount()).isEqualTo(3);
    }

    private Outbox outbox(UserId user, String session) {
        return new Outbox(new SessionId(session), user, 10, new FakeSink(FakeSink.Mode.INLINE), Runnable::run, metrics);
    }

    @Test
    void the_registry_counts_open_sockets() {
        Outbox phone = socket(PATIENT, "s-phone", new FakeSink(FakeSink.Mode.INLINE));
        Outbox laptop = socket(PATIENT, "s-laptop", new FakeSink(FakeSink.Mode.INLINE));
        socket(DOCTOR, "s-doctor", new FakeSink(FakeSink.Mode.INLINE));
        assertThat(registry.connectionCount()).isEqualTo(3);

        registry.remove(phone);
        registry.remove(phone);
        registry.remove(laptop);

        assertThat(registry.connectionCount()).isEqualTo(1);
        assertThat(registry.socketsOf(PATIENT)).isEmpty();
        registry.notify(List.of(PATIENT), deleted(1), null);
    }
}
