package org.carechat.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The version of the file's schema, and the ordered scripts that bring a file of any earlier version up to date:
 * {@code schema_migrations} holds one row per script applied (its version and when), and {@link #apply} runs every
 * script the file lacks, in order, in <em>one</em> transaction at open, before anything else reads or writes: a
 * file is at one version or the next, never between. An up-to-date file costs one lookup of that small table, so
 * opening a large file reads nothing else. A file written by a newer CareChat, with versions this one does not
 * know, is refused rather than guessed at.
 *
 * <p>Why not Flyway: it would bring a library several times the size of this adapter, its own metadata table and
 * its own transaction handling (one transaction per script, where a file here moves from one version to the
 * latest atomically), and checksums and repair commands for a team of DBAs editing scripts, where ours change
 * only with a release of CareChat. What is needed is the thirty lines below, whose behaviour the tests pin down.
 *
 * <p>Scripts are resources {@code migrations/V<n>__<what>.sql}; a statement ends with a semicolon at the end of
 * its line, and lines starting with {@code --} are comments. A released script never changes: a change of the
 * schema is a new script.
 */
final class Migrations {
    private static final List<Script> SCRIPTS = List.of(
            new Script(1, "V1__chat.sql"),
            new Script(2, "V2__unreferenced_uploads.sql"),
            new Script(3, "V3__urgent_messages.sql"),
            new Script(4, "V4__urgent_follow_up.sql"),
            new Script(5, "V5__retention.sql"),
            new Script(6, "V6__type_index_without_text.sql"));

    private final List<Script> scripts;

    Migrations(List<Script> scripts) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).version() != i + 1) {
                throw new IllegalArgumentException("scripts are numbered 1, 2, 3... in order");
            }
        }
        this.scripts = List.copyOf(scripts);
    }

    /** Every script of this version of CareChat. */
    static Migrations current() {
        return new Migrations(SCRIPTS);
    }

    /** The scripts up to {@code version} only: what an older CareChat would have applied. */
    Migrations upTo(int version) {
        return new Migrations(scripts.subList(0, version));
    }

    int latest() {
        return scripts.size();
    }

    /**
     * Brings the file to {@link #latest()} in one transaction; a new file gets every script.
     *
     * @return the versions applied now (none when the file was up to date)
     * @throws IllegalStateException when the file was written by a newer CareChat
     */
    List<Integer> apply(Session session, Instant now) throws SQLException {
        session.execute("BEGIN IMMEDIATE");
        try {
            session.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    + "version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)");
            int stored = (int) session.queryLong("SELECT coalesce(max(version), 0) FROM schema_migrations");
            if (stored > latest()) {
                throw new IllegalStateException("this database was written by a newer CareChat (schema version "
                        + stored + "; this one knows versions up to " + latest() + "): start that version, or a newer one");
            }
            List<Integer> applied = new ArrayList<>();
            for (Script script : scripts.subList(stored, scripts.size())) {
                for (String statement : script.statements()) {
                    session.execute(statement);
                }
                PreparedStatement record = session.prepared(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
                record.setInt(1, script.version());
                record.setLong(2, now.toEpochMilli());
                record.executeUpdate();
                applied.add(script.version());
            }
            session.execute("COMMIT");
            return applied;
        } catch (SQLException | RuntimeException e) {
            try {
                session.execute("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** The versions a file records, oldest first, each with when it was applied. */
    static List<Applied> recorded(Session session) throws SQLException {
        List<Applied> versions = new ArrayList<>();
        try (ResultSet rows = session.prepared("SELECT version, applied_at FROM schema_migrations ORDER BY version")
                .executeQuery()) {
            while (rows.next()) {
                versions.add(new Applied(rows.getInt(1), Instant.ofEpochMilli(rows.getLong(2))));
            }
        }
        return versions;
    }

    /** A row of {@code schema_migrations}. */
    record Applied(int version, Instant at) {
    }

    /** One migration: its version and the resource holding its statements. */
    record Script(int version, String resource) {
        List<String> statements() {
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text().split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                    continue;
                }
                current.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    statements.add(current.toString().strip());
                    current.setLength(0);
                }
            }
            if (!current.toString().isBlank()) {
                throw new IllegalStateException("migration " + resource + " ends without a semicolon");
            }
            return statements;
        }

        private String text() {
            try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("migration " + resource + " is missing from the adapter");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
