package org.carechat.adapter.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Changes;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.Messages;
import org.carechat.application.port.StoreProbe;
import org.carechat.application.port.StoreUnavailableException;

/**
 * CareChat's data in one SQLite file, inside the CareChat process: no server to run and no network listener of
 * any kind. Owns the file and its connections, brings its schema up to date, and hands out every store port.
 * Nothing of SQL or JDBC leaves this package: callers see the ports only.
 *
 * <p><b>Writes</b> go to one writer thread, which commits every write waiting for it in one transaction and then
 * answers their callers ({@link SqliteWriter}): a store method returns only after its write is committed, and on
 * disk with {@link SqliteSettings.Durability#FULL}. How many writes each commit carried is in
 * {@link #batchStatistics()}. <b>Reads</b> use read-only connections of their own and see what is committed; they
 * never wait for the writer (WAL mode).
 *
 * <p>Every operation is bounded by {@link SqliteSettings#timeout()}: when the file cannot be written (disk full,
 * read-only, I/O errors) or read, store methods throw {@link StoreUnavailableException} within about that time, the
 * {@link #probe() probe} answers no, and the same store works again once the cause is gone.
 *
 * <p>One store per file: the file is locked while open, and a second {@link #open} of it, from this process or
 * another, is refused. The file's directory is created private to its owner, the files are {@code rw-------}.
 */
public final class SqliteStore implements AutoCloseable {
    /** Read connections: a few suffice, a read being short and never waiting for the writer. */
    private static final int READERS = 4;

    private final SqliteSettings settings;
    private final SqliteFiles files;
    private final Connections connections;
    private final SqliteWriter writer;
    private final Checkpointer checkpointer;
    private final Readers readers;
    private final SqliteConversations conversations;
    private final SqliteMessages messages;
    private final SqliteCareRelationships careRelationships;
    private final SqliteDirectory directory;
    private final SqliteAttachments attachments;
    private final SqliteAuditTrail auditTrail;
    private final SqliteChanges changes;
    private final SqliteProbe probe;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteStore(SqliteSettings settings, SqliteFiles files, Connections connections, SqliteWriter writer,
                        Checkpointer checkpointer, Readers readers, CommittedPeople people) {
        this.settings = settings;
        this.files = files;
        this.connections = connections;
        this.writer = writer;
        this.checkpointer = checkpointer;
        this.readers = readers;
        this.conversations = new SqliteConversations(writer, readers);
        this.messages = new SqliteMessages(writer, readers);
        this.careRelationships = new SqliteCareRelationships(writer, people);
        this.directory = new SqliteDirectory(writer, people);
        this.attachments = new SqliteAttachments(writer, readers);
        this.auditTrail = new SqliteAuditTrail(writer, readers);
        this.changes = new SqliteChanges(writer, people);
        this.probe = new SqliteProbe(writer, readers, settings.file().toAbsolutePath(), settings.timeout());
    }

    /**
     * Opens the file, creating it (and its directory) when missing, and brings its schema up to date.
     *
     * @throws IllegalStateException     when another store has the file open, or a newer CareChat wrote it
     * @throws StoreUnavailableException when the file cannot be opened or read
     */
    public static SqliteStore open(SqliteSettings settings) {
        return open(settings, StatementLog.NONE);
    }

    static SqliteStore open(SqliteSettings settings, StatementLog log) {
        return open(settings, log, Checkpointer.INTERVAL);
    }

    /**
     * As {@link #open(SqliteSettings)}, the log copied into the file every {@code checkpointInterval} in which there
     * were writes.
     */
    static SqliteStore open(SqliteSettings settings, StatementLog log, Duration checkpointInterval) {
        Objects.requireNonNull(settings, "settings");
        SqliteFiles files = SqliteFiles.claim(settings.file());
        Connections connections = new Connections(settings.file(), settings.durability(), settings.timeout(), log);
        Session writerSession = null;
        Session checkpointSession = null;
        Readers readers = null;
        try {
            writerSession = connections.writer();
            Migrations.current().apply(writerSession, Instant.now());
            CommittedPeople people = CommittedPeople.load(writerSession);
            readers = Readers.open(connections, READERS, settings.timeout());
            checkpointSession = connections.checkpointer();
            SqliteWriter writer = new SqliteWriter(writerSession, settings.timeout());
            return new SqliteStore(settings, files, connections, writer,
                    new Checkpointer(checkpointSession, writer, checkpointInterval), readers, people);
        } catch (SQLException | RuntimeException e) {
            if (readers != null) {
                readers.close();
            }
            if (checkpointSession != null) {
                checkpointSession.close();
            }
            if (writerSession != null) {
                writerSession.close();
            }
            files.close();
            if (e instanceof SQLException sql) {
                throw SqliteErrors.translate("open " + settings.file(), sql);
            }
            throw (RuntimeException) e;
        }
    }

    public Conversations conversations() {
        return conversations;
    }

    public Messages messages() {
        return messages;
    }

    public CareRelationshipStore careRelationships() {
        return careRelationships;
    }

    public DirectoryStore directory() {
        return directory;
    }

    public Attachments attachments() {
        return attachments;
    }

    public AuditTrail auditTrail() {
        return auditTrail;
    }

    /** Where the core commits each change with its audit entry: one operation of the writer, so one transaction. */
    public Changes changes() {
        return changes;
    }

    /**
     * Answers whether the store can read and write now, within a second at most: a read, a committed write of
     * the probe's own, and room for the file to grow. It never waits longer, whatever the store is doing.
     */
    public StoreProbe probe() {
        return probe;
    }

    /** The database file. */
    public Path file() {
        return settings.file();
    }

    /** How many writes each commit carried, since the store opened or since the last {@link #resetBatchStatistics()}. */
    public BatchStatistics batchStatistics() {
        return writer.statistics();
    }

    /** The figures of {@link #batchStatistics()}, and counting starts again from nothing (one load step, then the next). */
    public BatchStatistics resetBatchStatistics() {
        return writer.resetStatistics();
    }

    /**
     * Copies the whole database, as it was when the copy began, to {@code target}, a new file (its directory is
     * created private when missing; the file is {@code rw-------}), while the store goes on reading and writing:
     * everything acknowledged before the call is in the copy. The copy is a plain SQLite file, compacted, and
     * forced to disk before this returns; a store opened on it carries on from there. Takes as long as reading the
     * database, and is not bounded by the store's timeout.
     *
     * @throws IllegalArgumentException  when {@code target} exists already (a backup never overwrites)
     * @throws StoreUnavailableException when the database cannot be read or the copy cannot be written
     */
    public void backupTo(Path target) {
        Objects.requireNonNull(target, "target");
        requireOpen();
        // a connection of its own: a long copy must not hold one of the readers
        copy(connections, target);
    }

    /**
     * {@link #backupTo} from outside the server that has {@code database} open (another process, such as
     * {@code carechat backup}): a read-only connection of its own copies the file as it stood when the copy began,
     * beside the running server's reads and writes, without claiming the file.
     *
     * @throws IllegalArgumentException  when {@code target} exists already, or {@code database} does not
     * @throws StoreUnavailableException when the database cannot be read or the copy cannot be written
     */
    public static void backup(Path database, Path target) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(target, "target");
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("there is no database at " + database.toAbsolutePath());
        }
        copy(new Connections(database, SqliteSettings.Durability.FULL, SqliteSettings.DEFAULT_TIMEOUT, StatementLog.NONE),
                target);
    }

    /**
     * Gives a database written and closed under a working name its final name: only once everything is in the file
     * itself (no write-ahead log left beside it, which a store opened under the new name would never read), forced
     * to disk, renamed atomically, the directory forced too; the working name's other files are removed.
     *
     * @throws IOException when the log still holds writes, or the file cannot be forced or renamed
     */
    public static void install(Path closed, Path target) throws IOException {
        Path log = companion(closed, "-wal");
        if (Files.exists(log) && Files.size(log) > 0) {
            throw new IOException("the last writes of " + closed.getFileName() + " are still in " + log.getFileName()
                    + " (closing it did not copy them into the file)");
        }
        try (FileChannel channel = FileChannel.open(closed, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(closed, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
        deleteFiles(closed);
    }

    /** Deletes a database file that no store has open, with its write-ahead log, its index and its lock file. */
    public static void deleteFiles(Path database) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
            Files.deleteIfExists(companion(database, suffix));
        }
    }

    private static Path companion(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    private static void copy(Connections connections, Path target) {
        Path copy = target.toAbsolutePath();
        if (Files.exists(copy)) {
            throw new IllegalArgumentException("the backup file exists already (a backup never overwrites): " + copy);
        }
        // written under another name and renamed once complete: a copy cut short never looks like a backup
        Path partial = copy.resolveSibling(copy.getFileName() + ".partial");
        try {
            SqliteFiles.createPrivateDirectory(copy.getParent());
            Files.deleteIfExists(partial);
            SqliteFiles.createPrivateFile(partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the backup file " + partial + ": " + e.getMessage(), e);
        }
        try (Session session = connections.reader();
             PreparedStatement vacuum = session.connection().prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, partial.toString());
            vacuum.execute();
            install(partial, copy);
        } catch (SQLException e) {
            deleteQuietly(partial);
            throw SqliteErrors.translate("back up to " + copy, e);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new StoreUnavailableException("the backup could not be written and forced to disk: " + copy + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Answers the writes already queued, then closes the connections and releases the file; the stores handed out
     * stop working. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            readers.close();
            checkpointer.close();
            writer.close();
        } finally {
            files.close();
        }
    }

    SqliteWriter writer() {
        return writer;
    }

    Readers readers() {
        return readers;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the store is closed");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a partial copy left behind is named by the exception that follows
        }
    }
}
