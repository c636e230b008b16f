package org.carechat.adapter.sqlite;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies the write-ahead log back into the database file on a thread and a connection of its own, so that the
 * writer does not: a checkpoint left to the writer (SQLite's automatic one) holds every caller up while it copies
 * thousands of pages and forces the file to disk, which was most of the slowest answers under load.
 *
 * <p>Every {@code interval} in which the writer committed, a passive checkpoint copies what the log holds; it
 * never blocks the writer or a reader. What the writer committed meanwhile is left in the log, and SQLite starts
 * the log over from its beginning only once all of it is copied: so passes follow each other while each still
 * had much to copy, and then the writer is asked to copy the small rest itself, between two transactions
 * ({@link SqliteWriter#finishCheckpoint()}), and the log is rewritten in place instead of growing. Should this
 * thread fall behind or fail, the writer's own automatic checkpoint, set much further out, still bounds the log.
 */
final class Checkpointer implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(250);
    /** Passes in a row at most, before the writer is asked to copy what is left. */
    private static final int MAX_ROUNDS = 6;
    /** A pass that copied no more frames than this (a MiB at most) leaves the writer a small rest to copy. */
    private static final long SMALL_REST = 256;
    private static final Logger LOG = Logger.getLogger(Checkpointer.class.getName());

    private final Session session;
    private final SqliteWriter writer;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean closed;
    private long commitsAtLastPass = -1;
    private boolean failing;

    Checkpointer(Session session, SqliteWriter writer, Duration interval) {
        this.session = session;
        this.writer = writer;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "carechat-sqlite-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(this, intervalNanos);
            long commits = writer.commits();
            if (closed || commits == commitsAtLastPass) {
                continue;
            }
            commitsAtLastPass = commits;
            if (copyWhileTheWriterWrites()) {
                writer.finishCheckpoint();
            }
        }
    }

    /**
     * Passive checkpoints, one after the other while each still had much to copy (what the writer committed during
     * the one before): the rest left to the writer is then small. True when a rest is left.
     */
    private boolean copyWhileTheWriterWrites() {
        long copiedBefore = 0;
        for (int round = 1; ; round++) {
            long commitsBefore = writer.commits();
            long[] frames = pass();
            if (frames == null) {
                return false;
            }
            boolean left = frames[0] > frames[1] || writer.commits() != commitsBefore;
            long copiedNow = frames[1] - copiedBefore;
            copiedBefore = frames[1];
            if (!left || closed || round == MAX_ROUNDS || (round > 1 && copiedNow <= SMALL_REST)) {
                return left;
            }
        }
    }

    /**
     * One passive checkpoint: the frames in the log and how many of them are now copied into the file (both
     * counted from the log's beginning), or null when it failed.
     */
    private long[] pass() {
        try {
            long[] frames = session.checkpointPassive();
            if (failing) {
                failing = false;
                LOG.info("checkpoints work again");
            }
            return frames;
        } catch (SQLException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "a checkpoint failed (" + SqliteErrors.code(e) + "); the writer's own "
                        + "checkpoint bounds the log meanwhile", e);
            }
            return null;
        }
    }

    /** Stops the thread (a pass under way ends first) and closes its connection. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            session.close();
        }
    }
}
