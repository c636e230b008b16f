package org.carechat.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import java.util.stream.Stream;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.CallId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every id value record refuses what is not a well-formed id, so malformed ids never reach a store. */
class IdRecordsTest {

    static Stream<Arguments> idRecords() {
        return Stream.of(
                Arguments.of("UserId", (Function<String, Object>) UserId::of),
                Arguments.of("ConversationId", (Function<String, Object>) ConversationId::of),
                Arguments.of("MessageId", (Function<String, Object>) MessageId::of),
                Arguments.of("AttachmentId", (Function<String, Object>) AttachmentId::of),
                Arguments.of("CallId", (Function<String, Object>) CallId::of));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idRecords")
    void id_record_accepts_a_well_formed_id_and_reads_as_its_value(String kind, Function<String, Object> of) {
        Object id = of.apply("x_01JD-4:a@b.c");

        assertThat(id).hasToString("x_01JD-4:a@b.c");
        assertThat(id).isEqualTo(of.apply("x_01JD-4:a@b.c"));
        assertThat(id).isNotEqualTo(of.apply("x_2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idRecords")
    void id_record_refuses_malformed_ids(String kind, Function<String, Object> of) {
        for (String malformed : new String[] {null, "", " ", "a b", "../etc", "$where", "a".repeat(129), "ü"}) {
            assertThatThrownBy(() -> of.apply(malformed)).as(kind + " <" + malformed + ">")
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void user_ids_order_by_their_value() {
        assertThat(UserId.of("a1")).isLessThan(UserId.of("b1"));
        assertThat(UserId.of("b1").compareTo(UserId.of("b1"))).isZero();
    }
}
