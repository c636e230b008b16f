package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A process killed with SIGKILL in the middle of a stream of appends loses nothing it acknowledged: every message
 * it answered for is in the file when it is opened again, once, at the place it was given, and the places are
 * gap-free. With either durability: a killed process is a crash of the process, which both survive.
 */
final class SqliteCrashTest {
    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 300;

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @ParameterizedTest
    @EnumSource(SqliteSettings.Durability.class)
    void a_process_killed_mid_stream_loses_no_acknowledged_message_and_leaves_no_gap_nor_duplicate(
            SqliteSettings.Durability durability) throws Exception {
        SqliteSettings settings = sqlite.freshSettings().withDurability(durability);
        List<String> printed;
        try (ChildProcess child = ChildProcess.start("append", settings.file().toString(), durability.name())) {
            child.awaitLines("acked ", ACKNOWLEDGED_BEFORE_THE_KILL, 120);
            printed = child.kill();
        }
        Map<Long, String> acknowledged = new HashMap<>();
        for (String line : printed) {
            if (line.startsWith("acked ")) {
                String[] fields = line.split(" ");
                assertThat(acknowledged.put(Long.parseLong(fields[1]), fields[2])).as("seq %s acknowledged twice", fields[1])
                        .isNull();
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_THE_KILL);

        try (SqliteStore store = SqliteStore.open(settings)) {
            List<Message> stored = store.messages().after(Drafts.CONVERSATION, 0, Integer.MAX_VALUE);
            long last = stored.size();
            assertThat(stored).extracting(Message::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
            assertThat(stored).extracting(Message::id).doesNotHaveDuplicates();
            assertThat(stored).extracting(Message::clientMessageId).doesNotHaveDuplicates();
            assertThat(last).isGreaterThanOrEqualTo(acknowledged.keySet().stream().mapToLong(Long::longValue).max()
                    .orElseThrow());
            acknowledged.forEach((seq, id) -> assertThat(stored.get((int) (seq - 1)).id()).as("place %d", seq)
                    .isEqualTo(MessageId.of(id)));
            assertThat(store.messages().append(Drafts.text(Drafts.CONVERSATION, "m_after", Drafts.PATIENT, "after",
                    null, 0)).message().seq()).isEqualTo(last + 1);
        }
    }
}
