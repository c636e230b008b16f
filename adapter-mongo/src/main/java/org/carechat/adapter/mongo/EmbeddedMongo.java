package org.carechat.adapter.mongo;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A MongoDB-wire-compatible server inside this JVM (mongo-java-server with its H2 backend), keeping its data
 * in one file, {@value #FILE_NAME}, under a data directory: what makes the standalone server durable with no
 * database to install. It listens on {@code 127.0.0.1} only, on a free port or the given one, which stays the
 * same across {@link #stop()} and {@link #start()}, so a {@link MongoStore} connected to it reconnects by itself.
 *
 * <h2>When data is on disk</h2>
 * The H2 backend keeps documents and unique indexes in an MVStore file. Left to its defaults (what
 * {@code new H2Backend(fileName)} does), MVStore auto-commits: changes stay in memory and a background thread
 * writes them about once a second and on close, so a crash of the process would lose up to a second of writes
 * already acknowledged to clients, and the background write may even catch a command half applied. Here
 * auto-commit is off, and {@link DurableH2Backend} commits after every command that may write, before the
 * command's answer is sent:
 * <ul>
 *   <li>{@link Durability#SYNCED} (the default): the file is also forced to disk (fsync, shared among
 *       concurrent writers) before the answer, so an acknowledged write survives a crash of the process
 *       (kill -9, out of memory) and of the machine (power loss), as far as the disk honours fsync;</li>
 *   <li>{@link Durability#WRITTEN}: the commit is written to the file and the operating system flushes it in
 *       its own time: an acknowledged write survives a crash of the process, not necessarily one of the
 *       machine;</li>
 *   <li>either way, writes are applied and committed one at a time, so every version in the file ends at a
 *       command boundary: after a crash, what was not acknowledged may or may not be there, but nothing is
 *       half there; MVStore writes append-only chunks with checksums and, on open, goes back to the last
 *       complete one, so a chunk torn by a crash is ignored;</li>
 *   <li>{@link #stop()} and {@link #close()} close the MVStore cleanly (commit, clean-shutdown mark, fsync):
 *       when they return, everything is on disk and the file is released.</li>
 * </ul>
 * The price of {@code SYNCED} is one fsync per write, or per group of concurrent writes; for a clinic's chat
 * that is small. MVStore's own compaction runs on the auto-commit thread, so a daemon thread here compacts the
 * file's least used chunks every {@value #COMPACT_EVERY_SECONDS} s, between two writes.
 *
 * <p>The file is locked while the server runs: a second server on the same directory fails to start.
 */
public final class EmbeddedMongo implements AutoCloseable {
    public static final String FILE_NAME = "carechat.mv";
    private static final String HOST = "127.0.0.1";
    private static final long COMPACT_EVERY_SECONDS = 60;
    private static final Logger LOG = System.getLogger(EmbeddedMongo.class.getName());

    private final Path file;
    private final Durability durability;
    private int port;
    private MongoServer server;
    private DurableH2Backend backend;
    private ScheduledExecutorService housekeeping;
    private boolean closed;

    private EmbeddedMongo(Path file, int port, Durability durability) {
        this.file = file;
        this.port = port;
        this.durability = durability;
    }

    /** When a write is acknowledged. */
    public enum Durability {
        /** Written to the file and forced to disk: survives a crash of the process and of the machine. */
        SYNCED,
        /**
         * Written to the file, left to the operating system to flush: survives a crash of the process, not a
         * power loss or a crash of the machine, which may lose the last seconds of writes. Faster.
         */
        WRITTEN
    }

    /** Starts a server on a free port, keeping its data in {@code dataDirectory} (created if missing). */
    public static EmbeddedMongo open(Path dataDirectory) {
        return open(dataDirectory, 0);
    }

    /** Starts a server on {@code port} (0 = a free one), keeping its data in {@code dataDirectory}. */
    public static EmbeddedMongo open(Path dataDirectory, int port) {
        return open(dataDirectory, port, Durability.SYNCED);
    }

    /**
     * Starts a server on {@code port} (0 = a free one), keeping its data in {@code dataDirectory}, acknowledging
     * writes as {@code durability} says.
     */
    public static EmbeddedMongo open(Path dataDirectory, int port, Durability durability) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(durability, "durability");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
        }
        EmbeddedMongo mongo = new EmbeddedMongo(dataDirectory.resolve(FILE_NAME), port, durability);
        mongo.start();
        return mongo;
    }

    /** Starts the server again on the same file and port after {@link #stop()}; does nothing while running. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the embedded database is closed");
        }
        if (server != null) {
            return;
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            throw new IllegalStateException("cannot open the database file " + file
                    + " (is another server using it?)", e);
        }
        DurableH2Backend opened = new DurableH2Backend(store, durability == Durability.SYNCED);
        MongoServer started = new MongoServer(opened);
        try {
            started.bind(HOST, port);
        } catch (RuntimeException e) {
            opened.close();
            throw new IllegalStateException("cannot listen on " + HOST + ":" + port, e);
        }
        port = started.getLocalAddress().getPort();
        backend = opened;
        server = started;
        housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "carechat-embedded-mongo-compaction");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::compact, COMPACT_EVERY_SECONDS, COMPACT_EVERY_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Stops listening, drops every client connection and closes the file cleanly (everything acknowledged is on
     * disk when this returns). Clients see the database as unavailable until {@link #start()}.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopHousekeeping();
        try {
            // Closes the client connections, waits for the commands in progress, then closes the MVStore.
            server.shutdownNow();
        } finally {
            server = null;
            backend = null;
            housekeeping = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code mongodb://127.0.0.1:PORT}: valid across restarts. */
    public synchronized String connectionString() {
        return "mongodb://" + HOST + ":" + port;
    }

    public synchronized int port() {
        return port;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        stop();
        closed = true;
    }

    /**
     * Dies as a crashed process would: the file is closed without writing anything more, then the server stops.
     * What was committed stays; what was only in memory is gone. For tests of crash recovery.
     */
    synchronized void crash() {
        if (server == null) {
            return;
        }
        stopHousekeeping();
        backend.getMvStore().closeImmediately();
        try {
            server.shutdownNow();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "shutdown after a simulated crash: " + e.getClass().getName());
        } finally {
            server = null;
            backend = null;
            housekeeping = null;
        }
    }

    /**
     * Lets a compaction in progress finish rather than interrupting it: an interrupt during file I/O would close
     * the file channel under the store.
     */
    private void stopHousekeeping() {
        housekeeping.shutdown();
        try {
            if (!housekeeping.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "compaction of the embedded database did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Compacts the file now, as the housekeeping thread does every {@value #COMPACT_EVERY_SECONDS} s. */
    void compact() {
        DurableH2Backend current;
        synchronized (this) {
            current = backend;
        }
        if (current == null) {
            return;
        }
        try {
            current.compact();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "compacting the embedded database failed: " + e.getClass().getName());
        }
    }
}
