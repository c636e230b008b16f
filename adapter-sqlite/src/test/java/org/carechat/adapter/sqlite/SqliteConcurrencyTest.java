package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.sqlite.Drafts.DOCTOR;
import static org.carechat.adapter.sqlite.Drafts.PATIENT;
import static org.carechat.adapter.sqlite.Drafts.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writers and readers at once, more of each than there are connections to read with, and a backup in the middle:
 * nobody ever meets "database is locked" (nor any other failure), readers only ever see history grow, and what was
 * written is all there, gap-free.
 */
final class SqliteConcurrencyTest {
    private static final int CONVERSATIONS = 4;
    private static final int WRITERS = 6;
    private static final int READERS = 6;
    private static final int APPENDS_PER_WRITER = 300;

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void many_readers_and_writers_at_once_never_meet_a_locked_database_and_readers_only_see_history_grow()
            throws Exception {
        SqliteStore store = sqlite.openStore();
        for (int c = 0; c < CONVERSATIONS; c++) {
            store.conversations().getOrCreateDirect(Conversation.direct(conversation(c), PATIENT, UserId.of("d" + c), T0));
        }
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(threads.submit(() -> guarded(failures, start, () -> write(store, writer))));
        }
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            threads.submit(() -> guarded(failures, start, () -> read(store, reader, writing)));
        }
        start.countDown();
        Thread.sleep(50);
        store.backupTo(sqlite.freshDirectory().resolve("during.db"));
        for (Future<?> writer : writers) {
            writer.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        long total = 0;
        for (int c = 0; c < CONVERSATIONS; c++) {
            List<Message> stored = store.messages().after(conversation(c), 0, 100_000);
            assertThat(stored).extracting(Message::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
            assertThat(store.conversations().find(conversation(c)).orElseThrow().lastSeq()).isEqualTo(stored.size());
            total += stored.size();
        }
        assertThat(total).isEqualTo((long) WRITERS * APPENDS_PER_WRITER);
        assertThat(store.auditTrail().query(new AuditQuery(PATIENT, null, null, null, 100_000)))
                .hasSize(WRITERS * APPENDS_PER_WRITER);
    }

    /** A send as the use cases make it today: the message, the conversation moved on, the audit entry. */
    private static void write(SqliteStore store, int writer) {
        for (int i = 1; i <= APPENDS_PER_WRITER; i++) {
            ConversationId conversation = conversation((writer + i) % CONVERSATIONS);
            Message message = store.messages().append(Drafts.text(conversation, "m_" + writer + "_" + i, PATIENT,
                    "hello " + i, "key-" + writer + "-" + i, i)).message();
            store.conversations().update(conversation, c -> c.withMessage(message.seq(), PATIENT, message.createdAt()));
            store.auditTrail().append(new AuditEntry("e_" + writer + "_" + i, PATIENT, AuditAction.MESSAGE_SEND,
                    List.of("conversation:" + conversation.value(), "message:" + message.id().value()),
                    message.createdAt(), AuditEntry.OK));
            if (i % 10 == 0) {
                store.messages().update(message.id(), m -> m.react(DOCTOR, "👍"));
            }
        }
    }

    private static void read(SqliteStore store, int reader, AtomicBoolean writing) {
        long[] newest = new long[CONVERSATIONS];
        while (writing.get()) {
            for (int c = 0; c < CONVERSATIONS; c++) {
                List<Message> page = store.messages().before(conversation(c), Long.MAX_VALUE, 50);
                long top = page.isEmpty() ? 0 : page.get(0).seq();
                assertThat(top).as("newest of conversation %d", c).isGreaterThanOrEqualTo(newest[c]);
                newest[c] = top;
                store.messages().after(conversation(c), Math.max(0, top - 20), 50);
                store.conversations().find(conversation(c));
            }
            store.conversations().ofParticipant(PATIENT);
            store.messages().search(List.of(conversation(reader % CONVERSATIONS)), "hello 1", 5);
            store.auditTrail().query(new AuditQuery(PATIENT, null, null, null, 20));
        }
    }

    private static void guarded(ConcurrentLinkedQueue<Throwable> failures, CountDownLatch start, Runnable work) {
        try {
            start.await();
            work.run();
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private static ConversationId conversation(int c) {
        return ConversationId.of("c_" + c);
    }
}
