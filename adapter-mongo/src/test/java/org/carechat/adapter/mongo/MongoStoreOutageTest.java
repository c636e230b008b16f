package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.carechat.application.port.Change;
import org.carechat.application.port.Change.Write;
import org.carechat.application.port.Messages;
import org.carechat.application.port.StoreProbe;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database outage is answered as unavailable within a bounded time, and the store recovers by itself. */
final class MongoStoreOutageTest {
    /** Generous: the store's own timeout is 3 s; this only catches an unbounded wait. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");

    @TempDir
    Path dataDirectory;

    @Test
    void while_the_database_is_down_the_store_answers_unavailable_in_bounded_time_and_recovers_when_it_is_back()
            throws Exception {
        try (EmbeddedMongo server = EmbeddedMongo.open(dataDirectory);
             MongoStore store = MongoStore.open(MongoStoreSettings.of(server.connectionString()))) {
            Messages messages = store.messages();
            StoreProbe probe = store.probe();
            store.conversations().getOrCreateDirect(Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0));
            List<Message> acknowledged = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                acknowledged.add(messages.append(draft(i)).message());
            }
            assertThat(probe.answers()).isTrue();
            Conversation read = store.conversations().find(CONVERSATION).orElseThrow();

            server.stop();

            List<Runnable> duringOutage = new ArrayList<>();
            for (int i = 4; i <= 7; i++) {
                MessageDraft draft = draft(i);
                duringOutage.add(() -> messages.append(draft));
            }
            duringOutage.add(() -> messages.after(CONVERSATION, 0, 10));
            duringOutage.add(() -> store.conversations().update(CONVERSATION, c -> c.pinnedBy(PATIENT, true)));
            duringOutage.add(() -> store.changes().commit(new Change(List.of(), List.of(new Write<>(read,
                    read.pinnedBy(PATIENT, true))), List.of(), List.of(), new AuditEntry("a_outage", PATIENT,
                    AuditAction.CONVERSATION_PIN, List.of("conversation:" + CONVERSATION), T0, AuditEntry.OK))));
            assertEachUnavailableWithinBound(duringOutage);
            long probing = System.nanoTime();
            assertThat(probe.answers()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - probing)).isLessThan(BOUND);

            server.start();

            Message afterOutage = eventually(() -> messages.append(draft(4)).message());
            assertThat(afterOutage.seq()).isEqualTo(4);
            assertThat(messages.append(draft(5)).message().seq()).isEqualTo(5);
            List<Message> stored = messages.after(CONVERSATION, 0, 10);
            assertThat(stored).startsWith(acknowledged.toArray(Message[]::new));
            assertThat(stored).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(store.conversations().find(CONVERSATION)).isPresent();
            assertThat(probe.answers()).isTrue();
        }
    }

    /** Runs the operations at once, as concurrent callers would, and expects each to fail as unavailable in time. */
    private static void assertEachUnavailableWithinBound(List<Runnable> operations) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(operations.size());
        try {
            List<Future<Duration>> outcomes = new ArrayList<>();
            for (Runnable operation : operations) {
                outcomes.add(callers.submit(() -> {
                    long start = System.nanoTime();
                    assertThatThrownBy(operation::run).isInstanceOf(StoreUnavailableException.class);
                    return Duration.ofNanos(System.nanoTime() - start);
                }));
            }
            for (Future<Duration> outcome : outcomes) {
                assertThat(outcome.get(BOUND.toSeconds() * 2, TimeUnit.SECONDS)).isLessThan(BOUND);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** A client retrying: the first attempt after the restart may still meet a connection of before. */
    private static <T> T eventually(Supplier<T> operation) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            try {
                return operation.get();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static MessageDraft draft(int n) {
        return new MessageDraft(MessageId.of("m_" + n), CONVERSATION, n % 2 == 0 ? DOCTOR : PATIENT, MessageType.TEXT,
                "message " + n, null, null, null, T0.plusSeconds(n), null);
    }
}
