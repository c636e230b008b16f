package org.carechat.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"p1", "c_01JD4X", "user@clinic.example", "urn:carechat:d-7", "A.b-C_d:e@f", "0", "Z"})
    void letters_digits_and_the_five_separators_make_a_well_formed_id(String id) {
        assertThat(Ids.isWellFormed(id)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "p 1", "p1 ", "a/b", "a\\b", "a|b", "a#b", "a?b", "a$b", "{a}", "a\"b", "a'b", "a,b",
            "a+b", "a=b", "a%20b", "p\n1", "p\t1", "p\u00001", "Müller", "é", "日本", "👍", "a\u200Bb"})
    void anything_else_is_not_a_well_formed_id(String id) {
        assertThat(Ids.isWellFormed(id)).isFalse();
    }

    @Test
    void an_id_has_at_most_128_characters() {
        assertThat(Ids.isWellFormed("a".repeat(Ids.MAX_LENGTH))).isTrue();
        assertThat(Ids.isWellFormed("a".repeat(Ids.MAX_LENGTH + 1))).isFalse();
    }

    @Test
    void require_well_formed_returns_the_id_or_names_what_is_malformed() {
        assertThat(Ids.requireWellFormed("c_1", "conversation id")).isEqualTo("c_1");
        assertThatThrownBy(() -> Ids.requireWellFormed("c 1", "conversation id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conversation id is not a well-formed id");
    }
}
