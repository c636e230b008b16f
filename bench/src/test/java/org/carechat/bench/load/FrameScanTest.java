package org.carechat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameScanTest {
    private static final String ACK = "{\"event\":\"message_sent\",\"re\":\"4711\",\"data\":{\"message\":{\"id\":\"01JD\","
            + "\"conversationId\":\"c_1\",\"seq\":17,\"senderId\":\"p1\",\"type\":\"text\",\"content\":\"Hello doctor\","
            + "\"attachment\":null,\"replyTo\":null,\"clientMessageId\":\"r9x-4711\",\"status\":\"sent\"}}}";

    @Test
    void reads_the_event_the_answered_id_the_client_message_id_and_the_seq() {
        byte[] bytes = ACK.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        assertThat(FrameScan.event(bytes, n)).isEqualTo("message_sent");
        int event = FrameScan.valueStart(bytes, n, FrameScan.EVENT);
        assertThat(FrameScan.valueEquals(bytes, n, event, FrameScan.ascii("message_sent"))).isTrue();
        assertThat(FrameScan.valueEquals(bytes, n, event, FrameScan.ascii("message"))).isFalse();
        assertThat(FrameScan.numberAt(bytes, n, FrameScan.valueStart(bytes, n, FrameScan.RE), false)).isEqualTo(4711);
        assertThat(FrameScan.numberAt(bytes, n, FrameScan.valueStart(bytes, n, FrameScan.CLIENT_MESSAGE_ID), true))
                .isEqualTo(4711);
        assertThat(FrameScan.numberAt(bytes, n, FrameScan.valueStart(bytes, n, FrameScan.SEQ), false)).isEqualTo(17);
    }

    @Test
    void replyTo_is_not_mistaken_for_re_and_missing_fields_read_as_absent() {
        String event = "{\"event\":\"new_message\",\"data\":{\"message\":{\"replyTo\":\"x\",\"seq\":3}}}";
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        assertThat(FrameScan.valueStart(bytes, bytes.length, FrameScan.RE)).isEqualTo(-1);
        assertThat(FrameScan.numberAt(bytes, bytes.length, -1, false)).isEqualTo(-1);
        assertThat(FrameScan.stringAt(bytes, bytes.length, FrameScan.valueStart(bytes, bytes.length, FrameScan.CODE))).isNull();
    }

    @Test
    void reads_only_the_given_length_of_a_reused_buffer() {
        byte[] buffer = new byte[256];
        byte[] frame = "{\"event\":\"error\",\"re\":\"12\",\"data\":{\"code\":\"RATE_LIMITED\"}}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(frame, 0, buffer, 0, frame.length);
        byte[] stale = "\"re\":\"99\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(stale, 0, buffer, frame.length, stale.length);
        assertThat(FrameScan.stringAt(buffer, frame.length, FrameScan.valueStart(buffer, frame.length, FrameScan.CODE)))
                .isEqualTo("RATE_LIMITED");
        assertThat(FrameScan.numberAt(buffer, frame.length, FrameScan.valueStart(buffer, frame.length, FrameScan.RE), false))
                .isEqualTo(12);
    }
}
