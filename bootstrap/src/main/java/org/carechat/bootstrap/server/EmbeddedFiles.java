package org.carechat.bootstrap.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.carechat.adapter.sqlite.SqliteSettings;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.ServerConfig;

/** What the embedded store keeps in the data directory, and what an earlier version of it left there. */
public final class EmbeddedFiles {
    /** The database: one SQLite file (with its {@code -wal}, {@code -shm} and {@code .lock} next to it). */
    public static final String DATABASE = "carechat.db";
    /** The file of the embedded store before version 0.2 (mongo-java-server on H2 MVStore). */
    public static final String PREVIOUS_STORE = "carechat.mv";

    private EmbeddedFiles() {
    }

    public static Path database(Path dataDir) {
        return dataDir.resolve(DATABASE);
    }

    public static Path previousStore(Path dataDir) {
        return dataDir.resolve(PREVIOUS_STORE);
    }

    /** The embedded store's settings for {@code file}: how durable an acknowledgement is, how long an operation may wait. */
    public static SqliteSettings settings(ServerConfig config, Path file) {
        return SqliteSettings.of(file)
                .withDurability("written".equals(config.embeddedDurability())
                        ? SqliteSettings.Durability.NORMAL : SqliteSettings.Durability.FULL)
                .withTimeout(config.storeTimeout());
    }

    /** The one command that moves a data directory of the previous embedded store into the current one. */
    public static String migrateCommand(Path dataDir) {
        return "java -jar carechat.jar migrate --data-dir " + dataDir.toAbsolutePath().normalize();
    }

    /**
     * Refuses to start beside the data of the previous embedded store that was never migrated: starting would show
     * an empty clinic while every message sits in the old file.
     */
    static void requireNoPreviousStore(Path dataDir) {
        if (Files.exists(previousStore(dataDir)) && !Files.exists(database(dataDir))) {
            throw new ConfigException(dataDir.toAbsolutePath().normalize() + " holds the data of the previous embedded "
                    + "store (" + PREVIOUS_STORE + "), which this version does not read. Move it into the current store "
                    + "once, with the server stopped: " + migrateCommand(dataDir) + " (the old file is kept)");
        }
    }
}
