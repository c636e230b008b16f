package org.carechat.adapter.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.carechat.application.port.StoreProbe;

/**
 * Does the store answer now: a reader reads, the writer commits a write (the probe's own row) within
 * {@link #MAX_WAIT}, and the file has room to grow, both under SQLite's page limit and on the disk (at least
 * {@value #MIN_FREE_BYTES} bytes free). So a full disk, a file that cannot be written and a writer that no longer
 * keeps up all answer no, and the answer turns yes again by itself when the cause is gone.
 */
final class SqliteProbe implements StoreProbe {
    static final Duration MAX_WAIT = Duration.ofSeconds(1);
    static final long MIN_FREE_BYTES = 16L * 1024 * 1024;
    private static final String TOUCH = "UPDATE store_probe SET answered_at = ? WHERE id = 1";

    private final SqliteWriter writer;
    private final Readers readers;
    private final Path file;
    private final long waitNanos;

    SqliteProbe(SqliteWriter writer, Readers readers, Path file, Duration timeout) {
        this.writer = writer;
        this.readers = readers;
        this.file = file;
        this.waitNanos = Math.min(timeout.toNanos(), MAX_WAIT.toNanos());
    }

    @Override
    public boolean answers() {
        long start = System.nanoTime();
        CompletableFuture<Boolean> written = null;
        try {
            readers.read("answer the health probe", waitNanos,
                    session -> session.queryLong("SELECT answered_at FROM store_probe"));
            written = writer.submit("answer the health probe", SqliteProbe::touchAndMeasureRoom);
            boolean room = written.get(Math.max(0, waitNanos - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
            return room && Files.getFileStore(file).getUsableSpace() >= MIN_FREE_BYTES;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (TimeoutException e) {
            written.cancel(false);
            return false;
        } catch (ExecutionException | IOException | RuntimeException e) {
            return false;
        }
    }

    /** Commits a write, and answers whether the file may still grow or has free pages to reuse. */
    private static boolean touchAndMeasureRoom(Session session) throws SQLException {
        PreparedStatement touch = session.prepared(TOUCH);
        touch.setLong(1, System.currentTimeMillis());
        touch.executeUpdate();
        long pages = session.queryLong("PRAGMA page_count");
        long maxPages = session.queryLong("PRAGMA max_page_count");
        return pages < maxPages || session.queryLong("PRAGMA freelist_count") > 0;
    }
}
