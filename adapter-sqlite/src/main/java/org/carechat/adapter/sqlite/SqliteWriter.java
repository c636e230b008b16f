package org.carechat.adapter.sqlite;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.carechat.application.port.StoreUnavailableException;

/**
 * The store's only writer: one thread that owns the only connection that writes, so writes never wait for a lock,
 * never race each other and never see "database is locked".
 *
 * <p><b>Group commit.</b> A caller hands in an operation (any {@link SqlFunction}: one statement or several, reads
 * included) and waits for its own answer. The thread takes every operation waiting in its queue (up to
 * {@value #MAX_BATCH}), applies them in order in <em>one</em> transaction, each inside its own {@code SAVEPOINT},
 * commits once (one fsync for the whole batch) and only then answers every caller: an answer means committed. An
 * operation that throws (a change function's refusal, a unique conflict, a bug) is rolled back to its savepoint
 * alone and its caller gets its exception, the very instance thrown; the others of its batch commit. Operations
 * run one after the other, each seeing what the ones before it wrote, so a read-change-write operation is atomic
 * without retries.
 *
 * <p><b>Failures.</b> Some failures take the whole transaction with them (SQLite rolls it back itself on a full
 * disk or an I/O error, and a commit may fail): then nothing of the batch is stored, the operation that failed
 * gets its failure, and every other operation of the batch is run again on its own, in its own transaction, so
 * each caller gets the answer its own operation deserves. SQLite failures of the file or the machine become
 * {@link StoreUnavailableException}s ({@link SqliteErrors}); the next batch tries again, so the store recovers by
 * itself when the cause goes away.
 *
 * <p><b>Time.</b> A caller waits at most the store's timeout. An operation still queued then is withdrawn, and its
 * caller gets a {@link StoreUnavailableException}: it is never applied. One the writer has begun gets a second
 * timeout to finish (its transaction is on its way to the disk); past that its caller gets an unavailable answer
 * that says the write may still land, and the writer never runs it again on its own after a lost transaction.
 * Like any store that times out, an unavailable answer means "not acknowledged", and the ports' retries are
 * idempotent where it matters (a send's {@code clientMessageId}).
 *
 * <p>An operation must not write through the store itself (the writer would wait for itself): that is refused.
 */
final class SqliteWriter implements AutoCloseable {
    /** The most operations one transaction carries, so that one commit never holds the callers up for long. */
    static final int MAX_BATCH = 512;
    private static final Logger LOG = Logger.getLogger(SqliteWriter.class.getName());
    private static final Duration CLOSE_WAIT_MIN = Duration.ofSeconds(5);
    private static final int COMMITTED = -1;

    private final Session session;
    private final long timeoutNanos;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Pending<Void> stop = new Pending<>("stop", unused -> null);
    /** Asks the thread to copy the rest of the log into the file between two transactions ({@link Checkpointer}). */
    private final Pending<Void> checkpoint = new Pending<>("finish a checkpoint", unused -> null);
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();
    private final BatchCounter counter = new BatchCounter(MAX_BATCH);
    private final Object admission = new Object();
    private final Thread thread;
    private boolean closed;
    /** Writer thread only: whether the last transaction failed for want of the file, so that a recovery is logged once. */
    private boolean failing;

    SqliteWriter(Session session, Duration timeout) {
        this.session = session;
        this.timeoutNanos = timeout.toNanos();
        this.thread = new Thread(this::run, "carechat-sqlite-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Applies {@code work} in the writer's next transaction and answers once it is committed. */
    <T> T write(String operation, SqlFunction<T> work) {
        return await(operation, submit(operation, work));
    }

    /** Queues {@code work} for the next transaction; its future completes once that transaction is committed. */
    <T> CompletableFuture<T> submit(String operation, SqlFunction<T> work) {
        return submitted(operation, work).answer;
    }

    private <T> Pending<T> submitted(String operation, SqlFunction<T> work) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a write may not be made from inside another write (" + operation
                    + "): the writer would wait for itself");
        }
        Pending<T> pending = new Pending<>(operation, work);
        synchronized (admission) {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            queue.add(pending);
        }
        return pending;
    }

    /**
     * Waits for a submitted operation at most the store's timeout; one the writer has begun gets a second timeout
     * to finish.
     */
    <T> T await(String operation, CompletableFuture<T> future) {
        Answer<T> answer = (Answer<T>) future;
        try {
            try {
                return answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (answer.withdraw()) {
                    throw new StoreUnavailableException("the database did not write in time: " + operation, e);
                }
            }
            try {
                return answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                answer.abandoned = true;
                throw new StoreUnavailableException("the database did not finish writing in time (the write may still "
                        + "land): " + operation, e);
            }
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.abandoned = true;
            answer.withdraw();
            throw new StoreUnavailableException("interrupted while waiting to " + operation, e);
        }
    }

    /** How many transactions were committed since the store opened. */
    long commits() {
        return counter.committedSinceOpen();
    }

    /**
     * Asks the writer to copy what the log still holds into the file after its current transaction (at once when
     * it has none), on its own connection, between two transactions: so the log, wholly copied, is written over
     * from its beginning by the next one. Asking again before it did is asking once.
     */
    void finishCheckpoint() {
        synchronized (admission) {
            if (!closed && checkpointQueued.compareAndSet(false, true)) {
                queue.add(checkpoint);
            }
        }
    }

    BatchStatistics statistics() {
        return counter.snapshot();
    }

    BatchStatistics resetStatistics() {
        return counter.reset();
    }

    /** Applies what is queued already, then stops the thread and closes the connection. */
    @Override
    public void close() {
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(stop);
        }
        try {
            thread.join(Math.max(CLOSE_WAIT_MIN.toMillis(), 2 * TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // still inside a transaction (a disk that does not answer): closing under it would be worse
            LOG.warning("the SQLite writer did not finish in time; its connection is left to the process's end");
            return;
        }
        session.close();
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, through the queue
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(stop);
            boolean copyTheLog = batch.remove(checkpoint);
            try {
                apply(batch);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "the SQLite writer failed on a batch; its callers are answered with the failure", e);
                for (Pending<?> pending : batch) {
                    pending.answer.completeExceptionally(e);
                }
            }
            if (copyTheLog) {
                checkpointQueued.set(false);
                copyTheLog();
            }
            batch.clear();
        }
    }

    private void apply(List<Pending<?>> batch) {
        List<Pending<?>> live = new ArrayList<>(batch.size());
        for (Pending<?> pending : batch) {
            // claimed now, or withdrawn by a caller who gave up: a withdrawn operation is never applied
            if (pending.answer.claim()) {
                live.add(pending);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        if (live.size() == 1) {
            // a transaction of its own needs no savepoint: when it fails, nothing else is lost with it
            alone(live.get(0));
            return;
        }
        Outcome[] outcomes = new Outcome[live.size()];
        int lost = inOneTransaction(live, outcomes);
        if (lost == COMMITTED) {
            counter.record(live.size());
            recovered();
            for (Outcome outcome : outcomes) {
                committed(outcome);
            }
            for (int i = 0; i < live.size(); i++) {
                live.get(i).finish(outcomes[i]);
            }
            return;
        }
        // Nothing of the transaction is stored: the operation that lost it keeps its failure, every other one
        // runs again on its own.
        for (int i = 0; i < live.size(); i++) {
            if (i == lost) {
                live.get(i).finish(outcomes[i]);
            } else if (live.get(i).answer.abandoned) {
                // its caller was told it may land; it did not, and nobody waits for it any more
                live.get(i).finish(Outcome.failed(new StoreUnavailableException("the database did not write in time: "
                        + live.get(i).operation, null)));
            } else {
                alone(live.get(i));
            }
        }
    }

    /**
     * Runs the batch in one transaction. Answers {@link #COMMITTED}, or the index of the operation whose failure
     * took the transaction with it ({@code live.size()} when the commit itself failed).
     */
    private int inOneTransaction(List<Pending<?>> live, Outcome[] outcomes) {
        try {
            control("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            for (int i = 0; i < live.size(); i++) {
                outcomes[i] = failure(live.get(i), e);
            }
            return 0;
        }
        for (int i = 0; i < live.size(); i++) {
            Pending<?> pending = live.get(i);
            try {
                control("SAVEPOINT operation");
                outcomes[i] = Outcome.of(pending.work.apply(session));
                control("RELEASE operation");
            } catch (Throwable e) {
                outcomes[i] = failure(pending, e);
                if (!rollBackToSavepoint()) {
                    rollBackQuietly();
                    return i;
                }
            }
        }
        try {
            control("COMMIT");
            return COMMITTED;
        } catch (SQLException e) {
            session.discardStatements();
            noteFailure(e);
            rollBackQuietly();
            return live.size();
        }
    }

    /** Runs one operation in a transaction of its own. */
    private void alone(Pending<?> pending) {
        Outcome outcome;
        try {
            control("BEGIN IMMEDIATE");
            try {
                outcome = Outcome.of(pending.work.apply(session));
                control("COMMIT");
                counter.record(1);
                recovered();
                committed(outcome);
            } catch (Throwable e) {
                outcome = failure(pending, e);
                rollBackQuietly();
            }
        } catch (SQLException e) {
            outcome = failure(pending, e);
        }
        pending.finish(outcome);
    }

    /**
     * A passive checkpoint between two transactions: it copies the little the {@link Checkpointer}'s pass left; it
     * does not wait when that pass is still running (SQLite answers busy at once), and a failure only leaves the
     * log longer.
     */
    private void copyTheLog() {
        try {
            session.checkpointPassive();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "the writer's checkpoint did not run", e);
        }
    }

    /** Runs a transaction boundary, prepared once: parsing one costs more than running it. */
    private void control(String sql) throws SQLException {
        session.prepared(sql).execute();
    }

    /** Runs what an operation asked to do once it is committed; it answers its caller nothing of it. */
    private static void committed(Outcome outcome) {
        if (outcome.value() instanceof OnCommit action) {
            try {
                action.committed();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "an action after a commit failed", e);
            }
        }
    }

    /**
     * What an operation may answer to act once its transaction is committed, on the writer's thread, in the order of
     * the commits and before any caller of that transaction is answered: keeping {@link CommittedPeople} exact. Its
     * caller gets null.
     */
    @FunctionalInterface
    interface OnCommit {
        void committed();
    }

    private boolean rollBackToSavepoint() {
        try {
            control("ROLLBACK TO operation");
            control("RELEASE operation");
            return true;
        } catch (SQLException e) {
            return false; // the transaction is gone: SQLite rolled it back itself
        }
    }

    private void rollBackQuietly() {
        try {
            control("ROLLBACK");
        } catch (SQLException e) {
            // no transaction left to roll back
        }
    }

    private Outcome failure(Pending<?> pending, Throwable e) {
        if (e instanceof SQLException sql) {
            session.discardStatements();
            noteFailure(sql);
            return Outcome.failed(SqliteErrors.translate(pending.operation, sql));
        }
        return Outcome.failed(e);
    }

    /** Logs, once until the next commit, that the file cannot be written: the result code only, never content. */
    private void noteFailure(SQLException e) {
        if (SqliteErrors.isUnavailable(e) && !failing) {
            failing = true;
            LOG.warning("the database cannot write now (" + SqliteErrors.code(e) + "); writes are refused as "
                    + "unavailable until it can");
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("the database writes again");
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("a write failed", cause);
    }

    /** What an operation came to: a value or what it threw. */
    private record Outcome(Object value, Throwable failure) {
        static Outcome of(Object value) {
            return new Outcome(value, null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(null, failure);
        }
    }

    /** An operation waiting for its transaction, and its caller's answer. */
    private static final class Pending<T> {
        final String operation;
        final SqlFunction<T> work;
        final Answer<T> answer = new Answer<>();

        Pending(String operation, SqlFunction<T> work) {
            this.operation = operation;
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void finish(Outcome outcome) {
            if (outcome.failure() != null) {
                answer.completeExceptionally(outcome.failure());
            } else {
                answer.complete(outcome.value() instanceof OnCommit ? null : (T) outcome.value());
            }
        }
    }

    /**
     * A caller's answer, and who owns the operation: queued, it may be withdrawn by its caller (then it is never
     * applied); claimed by the writer, it runs and is answered.
     */
    static final class Answer<T> extends CompletableFuture<T> {
        private static final int QUEUED = 0;
        private static final int CLAIMED = 1;
        private static final int WITHDRAWN = 2;
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger(QUEUED);
        /** The caller stopped waiting while the writer ran it: after a lost transaction, it is not run again. */
        volatile boolean abandoned;

        /** The writer takes the operation; false when its caller withdrew it. */
        boolean claim() {
            return state.compareAndSet(QUEUED, CLAIMED);
        }

        /** The caller gives up on an operation not begun: true when it will never be applied. */
        boolean withdraw() {
            if (state.compareAndSet(QUEUED, WITHDRAWN)) {
                cancel(false);
                return true;
            }
            return false;
        }

        /** Cancelling from outside is withdrawing: an operation already begun is not interrupted. */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return state.get() != CLAIMED && super.cancel(mayInterruptIfRunning);
        }
    }
}
