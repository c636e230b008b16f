package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store's files are private to their owner, and one store at a time has a file open. */
final class SqliteFilesTest {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void a_missing_directory_is_created_private_and_the_database_its_log_and_its_index_are_private() throws Exception {
        Path directory = sqlite.freshDirectory().resolve("clinic").resolve("data");
        Path file = directory.resolve("carechat.db");

        try (SqliteStore store = SqliteStore.open(SqliteSettings.of(file))) {
            store.messages().append(Drafts.text(1));

            assertThat(permissions(directory)).isEqualTo("rwx------");
            for (String name : List.of("carechat.db", "carechat.db-wal", "carechat.db-shm", "carechat.db.lock")) {
                assertThat(directory.resolve(name)).as(name).exists();
                assertThat(permissions(directory.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void a_database_file_left_readable_by_others_is_made_private_when_opened() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        SqliteStore.open(settings).close();
        Files.setPosixFilePermissions(settings.file(), PosixFilePermissions.fromString("rw-r--r--"));

        try (SqliteStore store = SqliteStore.open(settings)) {
            assertThat(permissions(settings.file())).isEqualTo("rw-------");
        }
    }

    @Test
    void a_second_store_on_the_same_file_is_refused_while_the_first_has_it_open() {
        SqliteSettings settings = sqlite.freshSettings();
        SqliteStore first = SqliteStore.open(settings);

        assertThatThrownBy(() -> SqliteStore.open(settings)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one server per database file");

        first.messages().append(Drafts.text(1));
        first.close();
        try (SqliteStore second = SqliteStore.open(settings)) {
            assertThat(second.messages().append(Drafts.text(2)).message().seq()).isEqualTo(2);
        }
    }

    @Test
    void another_process_cannot_open_the_file_while_a_store_has_it_open() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        try (SqliteStore store = SqliteStore.open(settings);
             ChildProcess child = ChildProcess.start("try-open", settings.file().toString())) {
            assertThat(child.finish()).singleElement().asString().startsWith("refused")
                    .contains("one server per database file");
        }
        try (ChildProcess child = ChildProcess.start("try-open", settings.file().toString())) {
            assertThat(child.finish()).containsExactly("opened");
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
