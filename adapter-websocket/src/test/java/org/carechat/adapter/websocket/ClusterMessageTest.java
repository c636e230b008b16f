package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.carechat.application.SessionId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class ClusterMessageTest {
    @Test
    void a_message_reads_back_as_written_frame_untouched() {
        String frame = "{\"event\":\"new_message\",\"data\":{\"message\":{\"content\":\"two\\nlines, a comma and é\"}}}";
        String text = ClusterMessage.write("n_1", new SessionId("s_abc"), List.of(UserId.of("p1"), UserId.of("d1")), frame);
        ClusterMessage read = ClusterMessage.read(text);
        assertThat(read.node()).isEqualTo("n_1");
        assertThat(read.except()).isEqualTo("s_abc");
        assertThat(read.recipients()).containsExactly(UserId.of("p1"), UserId.of("d1"));
        assertThat(read.frame()).isEqualTo(frame);
        ClusterMessage plain = ClusterMessage.read(ClusterMessage.write("n_1", null, List.of(UserId.of("p1")), "{}"));
        assertThat(plain.except()).isNull();
        assertThat(plain.conversation()).isNull();
        ClusterMessage placed = ClusterMessage.read(ClusterMessage.write("n_1", null, List.of(UserId.of("p1")), "c_9", 41, "{}"));
        assertThat(placed.conversation()).isEqualTo("c_9");
        assertThat(placed.seq()).isEqualTo(41);
    }

    @Test
    void anything_else_on_the_channel_is_not_a_message() {
        for (String other : new String[] {"", "hello", "c1 n_1 - p1 -", "c2 n_1 - p1 -\n{}", "c1 n_1 - -\n{}",
                "c1 n_1 -  -\n{}", "c1  - p1 -\n{}", "c1 n_1 - p 1 -\n{}", "c1 n_1 - p1, -\n{}", "c1 n_1 - p1\n{}",
                "c1 n_1 - p1 - extra\n{}", "c1 n_1 - p1 c_9\n{}", "c1 n_1 - p1 c_9/x\n{}", "c1 n_1 - p1 /4\n{}",
                "c1 n_1 - p1 c_9/0\n{}"}) {
            assertThat(ClusterMessage.read(other)).as(other).isNull();
        }
    }
}
