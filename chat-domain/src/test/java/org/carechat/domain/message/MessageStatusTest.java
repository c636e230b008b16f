package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "SENT, SENT, true", "SENT, DELIVERED, true", "SENT, READ, true",
            "DELIVERED, SENT, false", "DELIVERED, DELIVERED, true", "DELIVERED, READ, true",
            "READ, SENT, false", "READ, DELIVERED, false", "READ, READ, true"})
    void status_moves_only_forward(MessageStatus from, MessageStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @Test
    void advancing_takes_a_further_status() {
        assertThat(MessageStatus.SENT.advanceTo(MessageStatus.DELIVERED)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(MessageStatus.SENT.advanceTo(MessageStatus.READ)).isEqualTo(MessageStatus.READ);
        assertThat(MessageStatus.DELIVERED.advanceTo(MessageStatus.READ)).isEqualTo(MessageStatus.READ);
    }

    @Test
    void a_late_delivered_never_undoes_a_read() {
        assertThat(MessageStatus.READ.advanceTo(MessageStatus.DELIVERED)).isEqualTo(MessageStatus.READ);
        assertThat(MessageStatus.READ.advanceTo(MessageStatus.SENT)).isEqualTo(MessageStatus.READ);
        assertThat(MessageStatus.DELIVERED.advanceTo(MessageStatus.SENT)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void wire_names_are_lower_case() {
        assertThat(MessageStatus.SENT.wireName()).isEqualTo("sent");
        assertThat(MessageStatus.DELIVERED.wireName()).isEqualTo("delivered");
        assertThat(MessageStatus.READ.wireName()).isEqualTo("read");
    }
}
