package org.carechat.adapter.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.sqlite.SQLiteConfig;

/**
 * How the store's connections are opened. The writer's connection puts the file in WAL mode (readers then never
 * wait for it, nor it for them) and syncs as the durability asks; readers' connections are read-only. Every
 * connection waits for a lock at most the store's timeout ({@code busy_timeout}) instead of failing at once:
 * with one writer, a lock is only ever held briefly (SQLite's own recovery of the log, a checkpoint), and a
 * caller never sees "database is locked". The writer's connection zeroes what it deletes ({@code secure_delete}).
 */
final class Connections {
    /** The page cache of the writer, in KiB: the indexes a write walks stay in memory. */
    private static final int WRITER_CACHE_KIB = 16 * 1024;
    private static final int READER_CACHE_KIB = 8 * 1024;
    /** After a checkpoint, the write-ahead log is cut back to this size rather than left at its largest. */
    private static final long JOURNAL_SIZE_LIMIT = 64L * 1024 * 1024;
    /**
     * The writer's own automatic checkpoint, only a bound should the {@link Checkpointer} fall behind or fail: 160
     * MiB of log at the default page size of 4 KiB. A checkpoint on the writer holds every caller up meanwhile.
     */
    static final int WRITER_CHECKPOINT_PAGES = 40_000;

    private final String url;
    private final SqliteSettings.Durability durability;
    private final Duration timeout;
    private final StatementLog log;

    Connections(Path file, SqliteSettings.Durability durability, Duration timeout, StatementLog log) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.durability = durability;
        this.timeout = timeout;
        this.log = log;
    }

    Session writer() throws SQLException {
        SQLiteConfig config = common(WRITER_CACHE_KIB);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous());
        config.setJournalSizeLimit((int) Math.min(Integer.MAX_VALUE, JOURNAL_SIZE_LIMIT));
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(WRITER_CHECKPOINT_PAGES));
        // what a deletion, a purge or an edit takes out of a row is written over with zeros, not left in the
        // page's free space for anyone with a copy of the file to read
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "on");
        Session session = new Session(config.createConnection(url), log);
        try {
            String mode = queryText(session, "PRAGMA journal_mode");
            if (!"wal".equals(mode)) {
                throw new IllegalStateException("the database file cannot be put in WAL mode (it is in " + mode
                        + " mode): is it on a file system without shared memory, such as a network share?");
            }
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The {@link Checkpointer}'s connection: it writes only into the file, what the log holds. */
    Session checkpointer() throws SQLException {
        SQLiteConfig config = common(READER_CACHE_KIB);
        config.setSynchronous(synchronous());
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
        return new Session(config.createConnection(url), log);
    }

    Session reader() throws SQLException {
        SQLiteConfig config = common(READER_CACHE_KIB);
        config.setReadOnly(true);
        return new Session(config.createConnection(url), log);
    }

    private SQLiteConfig.SynchronousMode synchronous() {
        return durability == SqliteSettings.Durability.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL;
    }

    private SQLiteConfig common(int cacheKib) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        config.setCacheSize(-cacheKib);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // no statement asks for generated keys; without this sqlite-jdbc prepares and runs a
        // "SELECT last_insert_rowid()" after every insert
        config.setGetGeneratedKeys(false);
        config.enforceForeignKeys(false);
        return config;
    }

    private static String queryText(Session session, String pragma) throws SQLException {
        try (var statement = session.connection().createStatement(); var rows = statement.executeQuery(pragma)) {
            return rows.next() ? rows.getString(1).toLowerCase(Locale.ROOT) : "";
        }
    }
}
