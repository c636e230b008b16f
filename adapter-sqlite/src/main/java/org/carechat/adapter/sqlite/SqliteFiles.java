package org.carechat.adapter.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The files of a store, private to the user CareChat runs as: health data must not be readable by other local
 * users. The directory is created {@code rwx------} when missing; the database file is created, or tightened to,
 * {@code rw-------} before SQLite opens it, and SQLite gives its {@code -wal} and {@code -shm} files the
 * database file's permissions (those left by an earlier run are tightened too). On a file system without POSIX
 * permissions, nothing is changed.
 *
 * <p>The lock file ({@code FILE.lock}) is held while a store has the file open, so that a second server on the
 * same file refuses to start instead of competing for SQLite's write lock. It is a file of its own because
 * SQLite's locks on the database are POSIX locks, which any other handle of the same process on that file would
 * release.
 */
final class SqliteFiles implements AutoCloseable {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String[] SIDE_FILES = {"-wal", "-shm", "-journal"};

    private final FileChannel lockChannel;
    private final FileLock lock;

    private SqliteFiles(FileChannel lockChannel, FileLock lock) {
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Makes the directory and the file private, then takes the lock. */
    static SqliteFiles claim(Path file) {
        Path database = file.toAbsolutePath();
        try {
            createPrivateDirectory(database.getParent());
            createPrivateFile(database);
            for (String suffix : SIDE_FILES) {
                Path side = database.resolveSibling(database.getFileName() + suffix);
                if (Files.exists(side)) {
                    restrict(side, FILE);
                }
            }
            return lock(database);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database file " + database, e);
        }
    }

    /** Creates {@code directory} (and its parents) when missing, the directory itself private to its owner. */
    static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (posix()) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
            Files.createDirectory(directory);
        }
        restrict(directory, DIRECTORY);
    }

    /** Creates an empty file private to its owner, or makes an existing one private. */
    static void createPrivateFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            FileAttribute<?>[] attributes = posix()
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                    : new FileAttribute<?>[0];
            Files.createFile(file, attributes);
        }
        restrict(file, FILE);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        // explicitly, because the permissions given at creation are narrowed further by the umask, never widened
        if (posix() && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static SqliteFiles lock(Path database) throws IOException {
        Path lockFile = database.resolveSibling(database.getFileName() + ".lock");
        createPrivateFile(lockFile);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another CareChat has " + database + " open (" + lockFile
                    + " is locked): one server per database file");
        }
        return new SqliteFiles(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
