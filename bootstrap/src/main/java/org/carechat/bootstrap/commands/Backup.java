package org.carechat.bootstrap.commands;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carechat.adapter.sqlite.SqliteStore;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.bootstrap.server.EmbeddedFiles;

/**
 * {@code java -jar carechat.jar backup FILE [--data-dir DIR]}: copies the embedded store to {@code FILE}, while
 * the server runs, as it stood when the copy began (everything acknowledged before is in it). Restoring is starting
 * a server on a data directory whose {@code carechat.db} is that file. Attachment bytes are files: copy
 * {@code CHAT_ATTACHMENTS_DIR} after the database.
 */
public final class Backup {
    private Backup() {
    }

    /** Runs the backup; answers the process exit code (0 done, 2 refused, 1 failed). */
    public static int run(ServerConfig config, Path target, PrintStream out, PrintStream err) {
        Path database = EmbeddedFiles.database(config.dataDir());
        if (!Files.exists(database)) {
            err.println("carechat: no embedded store to back up: " + database.toAbsolutePath().normalize()
                    + " does not exist");
            return 2;
        }
        if (Files.exists(target)) {
            err.println("carechat: " + target.toAbsolutePath().normalize() + " exists already; a backup never overwrites");
            return 2;
        }
        try {
            SqliteStore.backup(database, target);
        } catch (RuntimeException e) {
            StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
                why.append(": ").append(cause.getMessage());
            }
            err.println("carechat: the backup failed: " + why);
            return 1;
        }
        out.println("backed up " + database.toAbsolutePath().normalize() + " to " + target.toAbsolutePath().normalize());
        return 0;
    }
}
