package org.carechat.adapter.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where the tests of this module get their stores: each {@link #openStore()} a new file in a directory of its own,
 * with the default durability ({@code FULL}: the real thing, every commit forced to disk), closed and deleted after
 * the test. Register it per test: {@code @RegisterExtension final TestSqlite sqlite = new TestSqlite();}
 */
final class TestSqlite implements AfterEachCallback {
    /** Generous: on a loaded test machine, slowness must not pass for an outage. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<SqliteStore> stores = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    /** A store on a new file, closed and deleted after the test. */
    synchronized SqliteStore openStore() {
        return track(SqliteStore.open(freshSettings()));
    }

    /** Settings for a new file in a new directory, deleted after the test. */
    synchronized SqliteSettings freshSettings() {
        return SqliteSettings.of(freshDirectory().resolve("carechat.db")).withTimeout(TIMEOUT);
    }

    /** A new empty directory, deleted after the test. */
    synchronized Path freshDirectory() {
        try {
            Path directory = Files.createTempDirectory("carechat-sqlite-test");
            directories.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Connections to the file of {@code settings} as the store makes them, without opening the store (no migration
     * runs): for a test that writes an older version of the file itself, or reads its schema.
     */
    static Connections connections(SqliteSettings settings) {
        SqliteFiles.claim(settings.file()).close();
        return new Connections(settings.file(), settings.durability(), settings.timeout(), StatementLog.NONE);
    }

    /** Closes {@code store} after the test. */
    synchronized SqliteStore track(SqliteStore store) {
        stores.add(store);
        return store;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        stores.forEach(SqliteStore::close);
        stores.clear();
        directories.forEach(TestSqlite::delete);
        directories.clear();
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
