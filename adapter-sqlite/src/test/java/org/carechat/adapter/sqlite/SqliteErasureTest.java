package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;
import static org.carechat.adapter.sqlite.Drafts.PATIENT;
import static org.carechat.adapter.sqlite.Drafts.T0;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.carechat.domain.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a deletion, the retention's purge or an edit takes out of a message is gone from the database's files, not
 * only from what the store answers: SQLite otherwise leaves a removed row's bytes in the page's free space until
 * something else is written over them, where anyone holding a copy of the file reads them.
 */
final class SqliteErasureTest {
    private static final String SECRET = "7f3a9c: HbA1c 9.1 %, fasting glucose 11.2 mmol/l, to be discussed at the next visit";
    private static final String MARKER = "7f3a9c";

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void a_deleted_or_purged_message_leaves_no_copy_of_its_text_in_the_files() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        try (SqliteStore store = SqliteStore.open(settings)) {
            Message sent = store.messages().append(Drafts.text(CONVERSATION, "m_1", PATIENT, SECRET, null, 1)).message();
            store.messages().append(Drafts.text(2));
            store.messages().update(sent.id(), Message::purge);
            assertThat(store.messages().find(sent.id())).hasValueSatisfying(m -> assertThat(m.content()).isNull());
        }
        // a clean stop copies the log into the file and removes it
        assertThat(Path.of(settings.file() + "-wal")).doesNotExist();
        assertThat(occurrences(settings, MARKER)).isZero();
        // the neighbour on the same page is kept, and the scan does see text where it is
        assertThat(occurrences(settings, "message 2")).isPositive();
    }

    @Test
    void a_long_message_deleted_leaves_no_copy_on_the_pages_it_overflowed_to() throws Exception {
        // 4,000 characters, the longest text the rules let through, twice (content and its lower case): more than a
        // page, so most of it is on overflow pages, which a deletion hands back to the file's free list
        String longText = (MARKER + " " + "a".repeat(90) + " ").repeat(41).substring(0, 4000);
        SqliteSettings settings = sqlite.freshSettings();
        try (SqliteStore store = SqliteStore.open(settings)) {
            Message sent = store.messages().append(Drafts.text(CONVERSATION, "m_1", PATIENT, longText, null, 1)).message();
            store.messages().update(sent.id(), Message::purge);
        }
        assertThat(occurrences(settings, MARKER)).isZero();
    }

    @Test
    void an_edited_message_leaves_no_copy_of_its_earlier_text_in_the_files() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        try (SqliteStore store = SqliteStore.open(settings)) {
            Message sent = store.messages().append(Drafts.text(CONVERSATION, "m_1", PATIENT, SECRET, null, 1)).message();
            store.messages().update(sent.id(),
                    m -> m.edit(PATIENT, "HbA1c corrected", T0.plusSeconds(2), Duration.ofMinutes(15)));
        }
        assertThat(occurrences(settings, MARKER)).isZero();
        assertThat(occurrences(settings, "HbA1c corrected")).isPositive();
    }

    /** How often {@code text} (UTF-8) occurs in the database file and whatever files SQLite keeps beside it. */
    private static int occurrences(SqliteSettings settings, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        Path file = settings.file();
        List<Path> files;
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            files = siblings.filter(p -> p.getFileName().toString().startsWith(file.getFileName().toString())).toList();
        }
        assertThat(files).contains(file);
        int found = 0;
        for (Path each : files) {
            byte[] bytes = Files.readAllBytes(each);
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                int j = 0;
                while (j < needle.length && bytes[i + j] == needle[j]) {
                    j++;
                }
                if (j == needle.length) {
                    found++;
                }
            }
        }
        return found;
    }
}
