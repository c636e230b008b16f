package org.carechat.adapter.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where CareChat keeps its data in SQLite, how safe an acknowledged write is, and how long a caller may wait.
 *
 * <ul>
 *   <li>{@code file}: the database file; its directory is created (private to its owner) when missing, and next
 *       to it live {@code FILE-wal} and {@code FILE-shm} (SQLite's write-ahead log and its index) and
 *       {@code FILE.lock} (held while a store has the file open).</li>
 *   <li>{@code durability}: {@link Durability#FULL} (default) or {@link Durability#NORMAL}.</li>
 *   <li>{@code timeout}: how long a store operation may wait for its turn and its answer (default 3 s); past
 *       that it fails as unavailable.</li>
 * </ul>
 */
public record SqliteSettings(Path file, Durability durability, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    /** How much of what a store acknowledged survives a crash. */
    public enum Durability {
        /**
         * An acknowledged write is on disk ({@code synchronous=FULL}: the write-ahead log is forced to disk at
         * every commit): it survives a crash of the process and of the machine, as far as the disk honours fsync.
         */
        FULL,
        /**
         * An acknowledged write survives a crash of the process (kill -9, out of memory), not a power loss or a
         * crash of the machine, which may lose the last commits ({@code synchronous=NORMAL}: the log is forced
         * to disk only when it is copied into the database). Faster; never corrupts the file.
         */
        NORMAL
    }

    public SqliteSettings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(timeout, "timeout");
        if (file.getFileName() == null) {
            throw new IllegalArgumentException("file must name a file, not a root directory");
        }
        if (file.toString().contains("?")) {
            // the JDBC URL would read what follows as options
            throw new IllegalArgumentException("the database file's path may not contain '?'");
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be between 1 ms and " + MAX_TIMEOUT.toMinutes() + " min");
        }
    }

    /** The defaults (durability FULL, timeout 3 s) for the database at {@code file}. */
    public static SqliteSettings of(Path file) {
        return new SqliteSettings(file, Durability.FULL, DEFAULT_TIMEOUT);
    }

    public SqliteSettings withDurability(Durability value) {
        return new SqliteSettings(file, value, timeout);
    }

    public SqliteSettings withTimeout(Duration value) {
        return new SqliteSettings(file, durability, value);
    }
}
