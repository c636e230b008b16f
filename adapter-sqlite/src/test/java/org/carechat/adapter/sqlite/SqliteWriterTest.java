package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;
import static org.carechat.adapter.sqlite.Drafts.DOCTOR;
import static org.carechat.adapter.sqlite.Drafts.PATIENT;
import static org.carechat.adapter.sqlite.Drafts.text;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Messages.Appended;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one writer: what waits is committed together, each operation rolled back alone when it fails, callers bounded
 * by the timeout, readers never held up by it.
 */
final class SqliteWriterTest {
    private static final long BOUND_SECONDS = 10;

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void operations_waiting_together_are_committed_in_one_transaction_and_each_caller_gets_its_own_answer()
            throws Exception {
        SqliteStore store = sqlite.openStore();
        store.resetBatchStatistics();
        Hold hold = Hold.writer(store);
        List<CompletableFuture<Appended>> appends = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            int number = n;
            appends.add(store.writer().submit("append", session -> MessageRows.append(session, text(number))));
        }

        hold.release();

        for (int n = 1; n <= 20; n++) {
            assertThat(appends.get(n - 1).get(BOUND_SECONDS, TimeUnit.SECONDS).message().seq()).isEqualTo(n);
        }
        BatchStatistics statistics = store.batchStatistics();
        assertThat(statistics.commits()).as("the held operation's commit, then one for the twenty").isEqualTo(2);
        assertThat(statistics.operations()).isEqualTo(21);
        assertThat(statistics.largestBatch()).isEqualTo(20);
        assertThat(statistics.histogram()).contains(new BatchStatistics.Bucket(1, 1, 1),
                new BatchStatistics.Bucket(16, 31, 1));
        assertThat(statistics.meanBatch()).isEqualTo(10.5);
        assertThat(store.messages().after(CONVERSATION, 0, 100)).hasSize(20);
    }

    @Test
    void an_operation_that_fails_is_rolled_back_alone_its_caller_gets_its_exception_and_the_rest_of_its_batch_commits()
            throws Exception {
        SqliteStore store = sqlite.openStore();
        SqliteWriter writer = store.writer();
        Refusal refusal = Refusal.forbidden("only the sender may edit a message");
        IllegalStateException boom = new IllegalStateException("boom");
        Hold hold = Hold.writer(store);

        CompletableFuture<Appended> first = writer.submit("append", session -> MessageRows.append(session, text(1)));
        CompletableFuture<Object> refused = writer.submit("edit", session -> MessageRows.update(session,
                MessageId.of("m_1"), m -> {
                    throw refusal;
                }));
        CompletableFuture<Object> halfDone = writer.submit("append, then fail", session -> {
            MessageRows.append(session, text(CONVERSATION, "m_half", PATIENT, "half done", null, 2));
            throw boom;
        });
        CompletableFuture<Object> conflicting = writer.submit("insert a second m_1", session -> {
            PreparedStatement insert = session.prepared("INSERT INTO messages (id, conversation_id, seq, sender_id,"
                    + " type, created_at, deleted) VALUES ('m_1', 'c_other', 1, 'p1', 'TEXT', 0, 0)");
            return insert.executeUpdate();
        });
        CompletableFuture<Appended> last = writer.submit("append", session -> MessageRows.append(session, text(3)));
        store.resetBatchStatistics();
        hold.release();

        assertThat(first.get(BOUND_SECONDS, TimeUnit.SECONDS).message().seq()).isEqualTo(1);
        assertThat(failureOf(refused)).isSameAs(refusal);
        assertThat(failureOf(halfDone)).isSameAs(boom);
        assertThat(failureOf(conflicting)).isInstanceOf(IllegalStateException.class).hasMessageContaining("SQLITE_CONSTRAINT");
        assertThat(last.get(BOUND_SECONDS, TimeUnit.SECONDS).message().seq())
                .as("the half-done append left no place taken").isEqualTo(2);
        assertThat(store.messages().after(CONVERSATION, 0, 10)).extracting(Message::id)
                .containsExactly(MessageId.of("m_1"), MessageId.of("m_3"));
        assertThat(store.messages().find(MessageId.of("m_half"))).isEmpty();
        assertThat(store.batchStatistics().largestBatch()).as("all five in one commit").isEqualTo(5);
    }

    @Test
    void a_write_that_does_not_get_its_turn_within_the_timeout_answers_unavailable_and_is_never_applied()
            throws Exception {
        SqliteStore store = sqlite.track(SqliteStore.open(sqlite.freshSettings().withTimeout(Duration.ofMillis(300))));
        Hold hold = Hold.writer(store);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.messages().append(text(1))).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("append a message");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300),
                    Duration.ofSeconds(BOUND_SECONDS));
        } finally {
            hold.release();
        }

        assertThat(store.messages().find(MessageId.of("m_1"))).isEmpty();
        assertThat(store.messages().append(text(2)).message().seq()).isEqualTo(1);
    }

    @Test
    void an_operation_whose_caller_stopped_waiting_is_not_run_again_after_its_transaction_was_lost() throws Exception {
        SqliteStore store = sqlite.track(SqliteStore.open(sqlite.freshSettings().withTimeout(Duration.ofMillis(200))));
        SqliteWriter writer = store.writer();
        Hold hold = Hold.writer(store);
        CompletableFuture<Appended> slow = writer.submit("a slow append", session -> {
            Appended appended = MessageRows.append(session, text(1));
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return appended;
        });
        CompletableFuture<Object> loser = writer.submit("lose the transaction", session -> {
            session.execute("ROLLBACK");
            throw new IllegalStateException("the transaction is gone");
        });
        CompletableFuture<Throwable> slowCaller = CompletableFuture.supplyAsync(() -> {
            try {
                writer.await("a slow append", slow);
                return null;
            } catch (StoreUnavailableException e) {
                return e;
            }
        });
        hold.release();

        assertThat(slowCaller.get(BOUND_SECONDS, TimeUnit.SECONDS)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("may still land");
        assertThat(failureOf(loser)).hasMessageContaining("the transaction is gone");
        assertThatThrownBy(() -> slow.get(BOUND_SECONDS, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(store.messages().find(MessageId.of("m_1"))).as("not run again on its own, nobody waited for it")
                .isEmpty();
    }

    @Test
    void reads_are_served_while_the_writer_is_inside_a_long_transaction_and_see_only_what_is_committed()
            throws Exception {
        SqliteStore store = sqlite.openStore();
        Messages messages = store.messages();
        Message committed = messages.append(text(1)).message();
        Hold hold = Hold.writer(store, session -> MessageRows.append(session, text(2)));
        try {
            CompletableFuture<List<Message>> page = CompletableFuture.supplyAsync(() -> messages.after(CONVERSATION, 0, 10));

            assertThat(page.get(BOUND_SECONDS, TimeUnit.SECONDS)).containsExactly(committed);
            assertThat(messages.find(MessageId.of("m_2"))).isEmpty();
        } finally {
            hold.release();
        }
        hold.done();
        assertThat(messages.after(CONVERSATION, 0, 10)).extracting(Message::seq).containsExactly(1L, 2L);
    }

    @Test
    void a_change_may_not_write_through_the_store_for_the_writer_would_wait_for_itself() {
        SqliteStore store = sqlite.openStore();
        Message stored = store.messages().append(text(1)).message();

        assertThatThrownBy(() -> store.messages().update(stored.id(), m -> {
            store.messages().append(text(2));
            return m;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("would wait for itself");

        assertThat(store.messages().find(stored.id())).contains(stored);
        assertThat(store.messages().append(text(3)).message().seq()).isEqualTo(2);
    }

    @Test
    void closing_answers_the_writes_already_queued_and_then_every_operation_is_refused() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        SqliteStore store = SqliteStore.open(settings);
        Hold hold = Hold.writer(store);
        List<CompletableFuture<Appended>> queued = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            int number = n;
            queued.add(store.writer().submit("append", session -> MessageRows.append(session, text(number))));
        }
        CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);

        hold.release();
        closing.get(BOUND_SECONDS, TimeUnit.SECONDS);

        for (CompletableFuture<Appended> append : queued) {
            assertThat(append).isCompletedWithValueMatching(Appended::created);
        }
        assertThatThrownBy(() -> store.messages().append(text(6))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.messages().find(MessageId.of("m_1"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        store.close();
        try (SqliteStore again = SqliteStore.open(settings)) {
            assertThat(again.messages().after(CONVERSATION, 0, 10)).extracting(Message::senderId)
                    .containsExactly(PATIENT, DOCTOR, PATIENT, DOCTOR, PATIENT);
        }
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
        throw new AssertionError("the operation succeeded");
    }

    /** An operation that keeps the writer busy, inside its transaction, until released. */
    static final class Hold {
        private final CountDownLatch release = new CountDownLatch(1);
        private CompletableFuture<Object> held;

        static Hold writer(SqliteStore store) throws InterruptedException {
            return writer(store, session -> null);
        }

        /** Runs {@code first} in the writer's transaction, then holds the writer there. */
        static Hold writer(SqliteStore store, SqlFunction<?> first) throws InterruptedException {
            Hold hold = new Hold();
            CountDownLatch started = new CountDownLatch(1);
            hold.held = store.writer().submit("hold the writer", session -> {
                first.apply(session);
                started.countDown();
                try {
                    hold.release.await(BOUND_SECONDS * 3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            if (!started.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the writer did not start the held operation");
            }
            return hold;
        }

        void release() {
            release.countDown();
        }

        void done() throws Exception {
            held.get(BOUND_SECONDS, TimeUnit.SECONDS);
        }
    }
}
