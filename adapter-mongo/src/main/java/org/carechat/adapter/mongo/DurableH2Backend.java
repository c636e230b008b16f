package org.carechat.adapter.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, made durable per command and consistent for readers.
 *
 * <p><b>Durable.</b> Out of the box, the H2 backend opens its MVStore with auto-commit: changes live in memory
 * and a background thread writes them about once a second, so a crash loses up to a second of acknowledged
 * writes, and that thread may even write a half-applied command (a document without its unique-index entry).
 * Here auto-commit is off (the store is opened so by {@link EmbeddedMongo}); every command that may write runs
 * alone under the write lock and is committed before the next one starts, so every version in the file ends
 * at a command boundary. With {@code syncEveryWrite}, the answer of a command that wrote something leaves
 * only once the file is forced to disk; the fsync runs outside the lock and is shared (group commit): whoever
 * syncs makes every commit before it durable, so concurrent writers do not each wait for their own. A command
 * that wrote nothing (a refused duplicate, say) does not wait for a sync; like any reader it may have seen
 * data that is committed to the file but not yet forced to disk, which is what MongoDB's read concern
 * {@code local} shows too.
 *
 * <p><b>Consistent.</b> mongo-java-server answers a query with the very document objects it stores, encodes
 * them after its collection lock is released, and applies an update by changing the stored object field by
 * field; a reader racing an update can get half of it, say the new version number with the old content, and
 * an optimistic update based on that silently loses a change (seen in this module's race tests on the plain
 * backends). Here reads run under the read lock, writes under the write lock, and every answer is copied
 * before its lock is released.
 *
 * <p><b>Quiet.</b> mongo-java-server logs the whole command document when a command fails, and a document may
 * hold a message. Failures are answered here instead, with the same error document, and logged by command
 * name only.
 */
final class DurableH2Backend extends H2Backend {
    private static final Logger LOG = System.getLogger(DurableH2Backend.class.getName());

    /** Commands that never change data; everything else is treated as a write. Lower case. */
    private static final Set<String> READ_ONLY = Set.of("find", "getmore", "killcursors", "count", "distinct",
            "listindexes", "listcollections", "listdatabases", "ping", "hello", "ismaster", "buildinfo",
            "whatsmyuri", "serverstatus", "dbstats", "collstats", "getlasterror", "endsessions",
            "getfreemonitoringstatus", "getcmdlineopts", "hostinfo", "getlog", "connectionstatus", "getparameter");

    private static final long NOTHING_WRITTEN = -1;

    private final ReentrantReadWriteLock locks = new ReentrantReadWriteLock();
    private final ReentrantLock syncing = new ReentrantLock();
    private final Condition syncDone = syncing.newCondition();
    private volatile long committedVersion;
    private long syncedVersion;
    private boolean syncInProgress;

    private final boolean syncEveryWrite;

    DurableH2Backend(MVStore store, boolean syncEveryWrite) {
        super(store);
        this.syncEveryWrite = syncEveryWrite;
        this.committedVersion = store.getCurrentVersion();
        this.syncedVersion = committedVersion;
    }

    /**
     * Every command of a current driver arrives here (OP_MSG). Reads run together under the read lock; writes
     * run one at a time under the write lock and are committed before the next one starts; a write's answer
     * leaves only once its commit is on disk.
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        String command = commandName(message);
        if (READ_ONLY.contains(command.toLowerCase(Locale.ROOT))) {
            locks.readLock().lock();
            try {
                return answer(message, command);
            } finally {
                locks.readLock().unlock();
            }
        }
        Document response;
        long written;
        locks.writeLock().lock();
        try {
            long before = getMvStore().getCurrentVersion();
            try {
                response = answer(message, command);
            } finally {
                // Also after a failure: whatever the command changed before failing is visible, so it is kept.
                getMvStore().commit();
                committedVersion = getMvStore().getCurrentVersion();
            }
            written = committedVersion > before ? committedVersion : NOTHING_WRITTEN;
        } finally {
            locks.writeLock().unlock();
        }
        if (syncEveryWrite && written != NOTHING_WRITTEN) {
            syncUpTo(written);
        }
        return response;
    }

    /**
     * The answer, copied: mongo-java-server answers queries with the very document objects it stores and
     * updates in place, and the answer is encoded after this returns, so without the copy a concurrent update
     * could show a reader half of its change (a new version with the old content).
     */
    private Document answer(MongoMessage message, String command) {
        try {
            return super.handleMessage(message).cloneDeeply();
        } catch (MongoServerException e) {
            LOG.log(Level.DEBUG, () -> "command " + command + " failed: " + errorCode(e));
            return errorResponse(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "command " + command + " failed: " + e.getClass().getName());
            return errorResponse(new MongoServerException("internal error of the embedded database"));
        }
    }

    /** Returns once every commit up to {@code version} has been forced to disk, by this thread or another. */
    private void syncUpTo(long version) {
        syncing.lock();
        try {
            while (syncedVersion < version) {
                if (syncInProgress) {
                    syncDone.awaitUninterruptibly();
                    continue;
                }
                syncInProgress = true;
                long target = committedVersion;
                boolean synced = false;
                syncing.unlock();
                try {
                    getMvStore().sync();
                    synced = true;
                } finally {
                    syncing.lock();
                    syncInProgress = false;
                    if (synced) {
                        syncedVersion = Math.max(syncedVersion, target);
                    }
                    syncDone.signalAll();
                }
            }
        } finally {
            syncing.unlock();
        }
    }

    /**
     * Compacts the file's least used chunks, between two writes: MVStore's own housekeeping runs on the
     * auto-commit thread, which is off.
     */
    void compact() {
        locks.writeLock().lock();
        try {
            MVStore store = getMvStore();
            if (store.isClosed()) {
                return;
            }
            store.compact(80, 16 * 1024 * 1024);
            store.commit();
            committedVersion = store.getCurrentVersion();
        } finally {
            locks.writeLock().unlock();
        }
        if (syncEveryWrite) {
            syncUpTo(committedVersion);
        }
    }

    private static String commandName(MongoMessage message) {
        Document document = message.getDocument();
        return document == null || document.isEmpty() ? "?" : document.keySet().iterator().next();
    }

    private static String errorCode(MongoServerException e) {
        return e instanceof MongoServerError error ? error.getCode() + " " + error.getCodeName() : "no code";
    }

    /** The error answer mongo-java-server itself would send. */
    private static Document errorResponse(MongoServerException exception) {
        Document response = new Document();
        response.put("$err", exception.getMessageWithoutErrorCode());
        response.put("errmsg", exception.getMessageWithoutErrorCode());
        if (exception instanceof MongoServerError error) {
            response.put("code", error.getCode());
            response.putIfNotNull("codeName", error.getCodeName());
        }
        response.put("ok", 0);
        return response;
    }
}
