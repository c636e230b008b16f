package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.sqlite.Drafts.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.carechat.domain.message.MessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The write-ahead log is copied into the file by the checkpointer's own thread and connection, the writer copies
 * only the rest, between two transactions, and the log is then written over from its beginning instead of growing
 * until the writer's own automatic checkpoint (which holds every caller up) has to copy it.
 */
final class SqliteCheckpointTest {
    private static final int PAGE = 4096;
    private static final Duration NEVER = Duration.ofHours(1);

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void asked_to_finish_a_checkpoint_the_writer_copies_the_log_and_the_next_write_starts_the_log_over() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        SqliteStore store = sqlite.track(SqliteStore.open(settings, StatementLog.NONE, NEVER));
        for (int n = 1; n <= 200; n++) {
            store.messages().append(text(n));
        }
        Path log = logOf(settings);
        long lengthBefore = Files.size(log);
        int startedOverBefore = timesStartedOver(log);

        store.writer().finishCheckpoint();
        // the request is answered after the batch it came with: the second write comes after it
        store.writer().write("nothing", session -> null);
        store.writer().write("nothing", session -> null);
        store.messages().append(text(201));

        assertThat(timesStartedOver(log)).as("the log was started over").isEqualTo(startedOverBefore + 1);
        assertThat(Files.size(log)).as("written over in place, not grown").isEqualTo(lengthBefore);
        assertThat(store.messages().find(MessageId.of("m_201"))).isPresent();
        store.close();
        try (SqliteStore again = SqliteStore.open(settings)) {
            assertThat(again.messages().find(MessageId.of("m_1"))).as("copied into the file, still read").isPresent();
            assertThat(again.messages().find(MessageId.of("m_201"))).isPresent();
        }
    }

    @Test
    void under_continuous_writes_the_log_is_started_over_again_and_again_and_stays_far_below_the_writers_own_checkpoint()
            throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        SqliteStore store = sqlite.track(SqliteStore.open(settings, StatementLog.NONE, Duration.ofMillis(50)));
        store.messages().append(text(1));
        Path log = logOf(settings);
        int startedOverBefore = timesStartedOver(log);
        long largest = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int n = 1;
        while (timesStartedOver(log) < startedOverBefore + 5 && System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                store.messages().append(text(++n));
            }
            largest = Math.max(largest, Files.size(log));
        }

        assertThat(timesStartedOver(log)).as("started over five times in 30 s (%d writes)", n)
                .isGreaterThanOrEqualTo(startedOverBefore + 5);
        assertThat(largest).as("the log's largest length: the writer's own checkpoint would have let it grow to %d",
                (long) Connections.WRITER_CHECKPOINT_PAGES * PAGE).isLessThan(Connections.WRITER_CHECKPOINT_PAGES * (long) PAGE / 4);
        assertThat(store.messages().after(Drafts.CONVERSATION, 0, Integer.MAX_VALUE)).hasSize(n);
    }

    private static Path logOf(SqliteSettings settings) {
        return settings.file().resolveSibling(settings.file().getFileName() + "-wal");
    }

    /** The log header's checkpoint sequence number: SQLite adds one each time it starts the log over. */
    private static int timesStartedOver(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            byte[] header = in.readNBytes(16);
            return ByteBuffer.wrap(header).getInt(12);
        }
    }
}
