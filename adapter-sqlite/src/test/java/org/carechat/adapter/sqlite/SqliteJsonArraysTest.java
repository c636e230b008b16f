package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON lists of audit targets and reactions: whatever strings go in come out, in order, and nothing else is read. */
final class SqliteJsonArraysTest {
    @Test
    void strings_with_quotes_backslashes_controls_and_emoji_round_trip_in_order() {
        List<String> values = List.of("conversation:c_1", "\"", "\\", "a\\\"b", "tab\there", "line\nbreak", "\u0001",
                "👩🏽‍⚕️", "", "[\"not\",\"nested\"]", "$set", "a.b");

        String json = JsonArrays.strings(values);

        assertThat(JsonArrays.readStrings(json)).containsExactlyElementsOf(values);
        assertThat(JsonArrays.strings(List.of("conversation:c_1", "message:m_9")))
                .isEqualTo("[\"conversation:c_1\",\"message:m_9\"]");
    }

    @Test
    void nested_lists_round_trip_in_order_and_an_empty_list_is_kept() {
        List<List<String>> lists = List.of(List.of("👍", "d1", "p1"), List.of("\"", "n1"), List.of("z"), List.of());

        assertThat(JsonArrays.readNested(JsonArrays.nested(lists))).isEqualTo(lists);
        assertThat(JsonArrays.readNested("[]")).isEmpty();
        assertThat(JsonArrays.nested(List.of(List.of("👍", "d1")))).isEqualTo("[[\"👍\",\"d1\"]]");
    }

    @Test
    void json_as_sqlite_or_a_person_may_write_it_is_read_too() {
        assertThat(JsonArrays.readStrings(" [ \"a\" , \"\\u00e9\\/\\n\" ] ")).containsExactly("a", "é/\n");
        assertThat(JsonArrays.readNested("[ [\"x\"] ,[ ] ]")).containsExactly(List.of("x"), List.of());
    }

    @Test
    void anything_else_is_refused_without_quoting_the_text() {
        for (String broken : List.of("", "[", "[\"a\"", "[\"a\",]", "[a]", "[\"a\"] x", "[\"\\x\"]", "[\"\\u12\"]", "{}")) {
            assertThatThrownBy(() -> JsonArrays.readStrings(broken)).as(broken).isInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining("\"a\"");
        }
        assertThatThrownBy(() -> JsonArrays.readNested("[\"flat\"]")).isInstanceOf(IllegalStateException.class);
    }
}
