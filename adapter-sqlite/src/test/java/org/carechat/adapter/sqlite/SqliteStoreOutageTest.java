package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;
import static org.carechat.adapter.sqlite.Drafts.PATIENT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.carechat.application.port.Messages;
import org.carechat.application.port.StoreProbe;
import org.carechat.application.port.StoreUnavailableException;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store that cannot write answers unavailable within a bounded time, says so to the health probe, keeps serving
 * the reads it can, and works again without reopening once the cause is gone. Two causes are simulated for real:
 * a full database (SQLite's page limit, {@code PRAGMA max_page_count}, reached) and files that cannot be written
 * (made immutable with {@code chattr +i}, which stops root too, even through descriptors already open).
 */
final class SqliteStoreOutageTest {
    /** Generous: the store's own timeout is 3 s; this only catches an unbounded wait. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String LARGE = "x".repeat(20_000);

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void while_the_database_is_full_writes_that_need_room_answer_unavailable_reads_are_served_and_writing_resumes_once_there_is_room()
            throws Exception {
        SqliteStore store = sqlite.track(SqliteStore.open(sqlite.freshSettings().withTimeout(Duration.ofSeconds(3))));
        Messages messages = store.messages();
        StoreProbe probe = store.probe();
        store.conversations().getOrCreateDirect(Drafts.conversation());
        List<Message> acknowledged = appendThree(messages);
        assertThat(probe.answers()).isTrue();

        long pages = store.writer().write("fill the database", session -> {
            long count = session.queryLong("PRAGMA page_count");
            return session.queryLong("PRAGMA max_page_count = " + count);
        });
        assertThat(pages).isPositive();

        List<Runnable> duringOutage = new ArrayList<>();
        for (int i = 4; i <= 7; i++) {
            MessageDraft draft = large(i);
            duringOutage.add(() -> messages.append(draft));
        }
        assertEachUnavailableWithinBound(duringOutage);
        assertThat(messages.after(CONVERSATION, 0, 10)).as("reads are served").containsExactlyElementsOf(acknowledged);
        assertThat(store.conversations().update(CONVERSATION, c -> c.pinnedBy(PATIENT, true)))
                .as("a write that fits in the pages there are is still taken").isPresent();
        assertProbeSaysNoWithinBound(probe);

        store.writer().write("make room", session -> session.queryLong("PRAGMA max_page_count = 1073741823"));

        assertThat(messages.append(large(4)).message().seq()).isEqualTo(4);
        assertThat(messages.append(large(5)).message().seq()).isEqualTo(5);
        assertThat(messages.after(CONVERSATION, 0, 10)).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(probe.answers()).isTrue();
    }

    @Test
    void while_the_files_cannot_be_written_writes_answer_unavailable_the_probe_says_no_and_writing_resumes_when_they_can()
            throws Exception {
        SqliteSettings settings = sqlite.freshSettings().withTimeout(Duration.ofSeconds(3));
        SqliteStore store = sqlite.track(SqliteStore.open(settings));
        Messages messages = store.messages();
        StoreProbe probe = store.probe();
        store.conversations().getOrCreateDirect(Drafts.conversation());
        List<Message> acknowledged = appendThree(messages);
        Path database = settings.file();
        Path log = database.resolveSibling(database.getFileName() + "-wal");
        // .ci/run installs chattr (e2fsprogs) where it is missing: this outage is tested everywhere, never skipped
        assertThat(immutable(log, true)).as("chattr +i works on the test directory").isTrue();
        try {
            immutable(database, true);

            List<Runnable> duringOutage = new ArrayList<>();
            for (int i = 4; i <= 7; i++) {
                MessageDraft draft = Drafts.text(i);
                duringOutage.add(() -> messages.append(draft));
            }
            duringOutage.add(() -> store.conversations().update(CONVERSATION, c -> c.pinnedBy(PATIENT, true)));
            assertEachUnavailableWithinBound(duringOutage);
            assertThat(messages.after(CONVERSATION, 0, 10)).as("reads are served").containsExactlyElementsOf(acknowledged);
            assertProbeSaysNoWithinBound(probe);
        } finally {
            immutable(database, false);
            immutable(log, false);
        }

        Message afterOutage = eventually(() -> messages.append(Drafts.text(4)).message());
        assertThat(afterOutage.seq()).isEqualTo(4);
        assertThat(messages.append(Drafts.text(5)).message().seq()).isEqualTo(5);
        assertThat(messages.after(CONVERSATION, 0, 10)).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store.conversations().find(CONVERSATION).orElseThrow().stateOf(PATIENT).pinned()).isFalse();
        assertThat(probe.answers()).isTrue();
    }

    @Test
    void a_read_that_gets_no_connection_within_the_timeout_answers_unavailable() throws Exception {
        SqliteStore store = sqlite.track(SqliteStore.open(sqlite.freshSettings().withTimeout(Duration.ofMillis(300))));
        Message stored = store.messages().append(Drafts.text(1)).message();
        int readers = store.readers().size();
        CountDownLatch holding = new CountDownLatch(readers);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService slowReads = Executors.newFixedThreadPool(readers);
        try {
            for (int i = 0; i < readers; i++) {
                slowReads.submit(() -> store.readers().read("a slow read", session -> {
                    holding.countDown();
                    try {
                        return release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
            }
            assertThat(holding.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> store.messages().find(stored.id())).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("find a message");
        } finally {
            release.countDown();
            slowReads.shutdown();
        }
        assertThat(slowReads.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(store.messages().find(stored.id())).contains(stored);
    }

    @Test
    void the_probe_answers_no_within_its_second_when_the_writer_does_not_answer_whatever_the_store_timeout()
            throws Exception {
        SqliteStore store = sqlite.openStore();
        assertThat(store.probe().answers()).isTrue();
        SqliteWriterTest.Hold hold = SqliteWriterTest.Hold.writer(store);
        try {
            long probing = System.nanoTime();
            assertThat(store.probe().answers()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - probing)).as("the store's timeout is %s", TestSqlite.TIMEOUT)
                    .isLessThan(TestSqlite.TIMEOUT.dividedBy(2));
        } finally {
            hold.release();
        }
        assertThat(store.probe().answers()).isTrue();
    }

    private static List<Message> appendThree(Messages messages) {
        List<Message> acknowledged = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            acknowledged.add(messages.append(Drafts.text(i)).message());
        }
        return acknowledged;
    }

    /** A message too large for the pages the file has: storing it needs the file to grow. */
    private static MessageDraft large(int n) {
        return Drafts.text(CONVERSATION, "m_" + n, PATIENT, LARGE + n, null, n);
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

    private static void assertProbeSaysNoWithinBound(StoreProbe probe) {
        long probing = System.nanoTime();
        assertThat(probe.answers()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - probing)).isLessThan(BOUND);
    }

    /** A client retrying: the first attempt after the cause went away may still meet its traces. */
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

    /** Sets or clears the immutable attribute; false when this machine cannot. */
    private static boolean immutable(Path file, boolean on) throws IOException, InterruptedException {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            Process chattr = new ProcessBuilder("chattr", on ? "+i" : "-i", file.toString())
                    .redirectErrorStream(true).start();
            chattr.getInputStream().readAllBytes();
            return chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
