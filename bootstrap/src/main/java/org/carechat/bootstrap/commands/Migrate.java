package org.carechat.bootstrap.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carechat.adapter.mongo.EmbeddedMongo;
import org.carechat.adapter.mongo.MongoStore;
import org.carechat.adapter.mongo.MongoStoreSettings;
import org.carechat.adapter.sqlite.SqliteSettings;
import org.carechat.adapter.sqlite.SqliteStore;
import org.carechat.application.migration.StoreMigration;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.bootstrap.server.EmbeddedFiles;

/**
 * {@code java -jar carechat.jar migrate [--data-dir DIR]}: moves a data directory written by the previous embedded
 * store (mongo-java-server on H2, {@code carechat.mv}) into the current one ({@code carechat.db}), with the server
 * stopped. It writes into a new file beside the old one and gives it its final name only once everything is copied,
 * so an interrupted migration leaves no half store behind; the old file is kept (and can be deleted once the
 * server has been seen to run on the new one). Attachment bytes stay where they are.
 */
public final class Migrate {
    /** How long one read of the old store may take: it hands over a whole collection at once. */
    private static final java.time.Duration SOURCE_TIMEOUT = java.time.Duration.ofMinutes(5);

    private Migrate() {
    }

    /** Runs the migration; answers the process exit code (0 done, 2 refused, 1 failed). */
    public static int run(ServerConfig config, PrintStream out, PrintStream err) {
        Path dir = config.dataDir();
        Path old = EmbeddedFiles.previousStore(dir);
        Path database = EmbeddedFiles.database(dir);
        if (!Files.exists(old)) {
            err.println("carechat: nothing to migrate: " + dir.toAbsolutePath().normalize() + " holds no "
                    + EmbeddedFiles.PREVIOUS_STORE);
            return 2;
        }
        if (Files.exists(database)) {
            err.println("carechat: " + database.toAbsolutePath().normalize() + " exists already: the migration ran "
                    + "before, or a server started here; move it away to migrate again");
            return 2;
        }
        Path partial = dir.resolve(EmbeddedFiles.DATABASE + ".migrating");
        // the old store first: its lock keeps a server, or a second migration, out of the directory
        EmbeddedMongo embedded;
        try {
            embedded = EmbeddedMongo.open(dir, 0, EmbeddedMongo.Durability.SYNCED);
        } catch (RuntimeException e) {
            err.println("carechat: cannot open " + old.toAbsolutePath().normalize() + " (stop the server, and any other "
                    + "migration, first): " + e.getMessage());
            return 2;
        }
        try (embedded) {
            SqliteStore.deleteFiles(partial);
            StoreMigration.Copied copied;
            // the old store may take long to read a large collection; the new file needs no fsync per item, its
            // rename below is what makes it the store
            try (MongoStore source = MongoStore.open(MongoStoreSettings.of(embedded.connectionString())
                         .withDatabaseName(config.mongoDatabase()).withTimeout(SOURCE_TIMEOUT));
                 SqliteStore target = SqliteStore.open(EmbeddedFiles.settings(config, partial)
                         .withDurability(SqliteSettings.Durability.NORMAL))) {
                out.println("migrating " + old.toAbsolutePath().normalize() + " into " + database.toAbsolutePath().normalize());
                copied = StoreMigration.copy(source.contents(), new StoreMigration.Target(target.directory(),
                        target.careRelationships(), target.conversations(), target.messages(), target.attachments(),
                        target.auditTrail()), line -> out.println("  " + line));
            }
            SqliteStore.install(partial, database);
            out.println("done: " + copied.messages() + " messages in " + copied.conversations() + " conversations, "
                    + copied.users() + " people, " + copied.careRelationships() + " care relationships, "
                    + copied.attachments() + " attachments, " + copied.auditEntries() + " audit entries. "
                    + EmbeddedFiles.PREVIOUS_STORE + " is kept; delete it once the server runs on "
                    + EmbeddedFiles.DATABASE + ".");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("carechat: the migration failed and " + EmbeddedFiles.DATABASE + " was not written; "
                    + EmbeddedFiles.PREVIOUS_STORE + " is kept (brought to its last data version on the way): " + e);
            try {
                SqliteStore.deleteFiles(partial);
            } catch (IOException alsoFailed) {
                err.println("carechat: could not remove " + partial + ": " + alsoFailed.getMessage());
            }
            return 1;
        }
    }
}
