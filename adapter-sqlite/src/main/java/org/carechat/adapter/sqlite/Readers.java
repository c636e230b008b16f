package org.carechat.adapter.sqlite;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.carechat.application.port.StoreUnavailableException;

/**
 * A few read-only connections for the store's reads, never the writer's. In WAL mode a reader sees the last
 * committed state and neither waits for the writer nor holds it up, so reads go on while a batch is being written.
 * A read waits at most the store's timeout for a free connection, then fails as unavailable.
 */
final class Readers implements AutoCloseable {
    private final BlockingQueue<Session> idle;
    private final int size;
    private final long timeoutNanos;
    private volatile boolean closed;

    private Readers(List<Session> sessions, Duration timeout) {
        this.size = sessions.size();
        this.idle = new ArrayBlockingQueue<>(sessions.size(), false, sessions);
        this.timeoutNanos = timeout.toNanos();
    }

    static Readers open(Connections connections, int count, Duration timeout) throws SQLException {
        List<Session> sessions = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                sessions.add(connections.reader());
            }
        } catch (SQLException | RuntimeException e) {
            sessions.forEach(Session::close);
            throw e;
        }
        return new Readers(sessions, timeout);
    }

    <T> T read(String operation, SqlFunction<T> work) {
        return read(operation, timeoutNanos, work);
    }

    /** A read that waits at most {@code waitNanos} for a connection (the health probe's, shorter than the timeout). */
    <T> T read(String operation, long waitNanos, SqlFunction<T> work) {
        Session session = borrow(operation, waitNanos);
        try {
            return work.apply(session);
        } catch (SQLException e) {
            session.discardStatements();
            throw SqliteErrors.translate(operation, e);
        } finally {
            giveBack(session);
        }
    }

    private Session borrow(String operation, long waitNanos) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        try {
            Session session = idle.poll(waitNanos, TimeUnit.NANOSECONDS);
            if (session == null) {
                throw new StoreUnavailableException("no connection to read with came free in time: " + operation, null);
            }
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to " + operation, e);
        }
    }

    private void giveBack(Session session) {
        synchronized (idle) {
            if (!closed) {
                idle.add(session);
                return;
            }
        }
        session.close();
    }

    /** Closes the idle connections now and the others when their reads end. */
    @Override
    public void close() {
        List<Session> closing = new ArrayList<>();
        synchronized (idle) {
            closed = true;
            idle.drainTo(closing);
        }
        closing.forEach(Session::close);
    }

    int size() {
        return size;
    }
}
