package org.carechat.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "é ü ß", "😀", "a😀b𝄞c", "\uffff", "\u0000"})
    void text_whose_surrogates_are_all_paired_is_well_formed_and_encodes_as_utf8(String text) {
        assertThat(Text.isWellFormed(text)).isTrue();
        assertThat(encodesStrictly(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "hi \ud800", "\udc00", "\udc00\ud800", "a\ud83d", "\ud83d\ud83d\ude00\ude00x"})
    void a_lone_or_misordered_surrogate_is_not_well_formed_and_has_no_utf8_form(String text) {
        assertThat(Text.isWellFormed(text)).isFalse();
        assertThat(encodesStrictly(text)).isFalse();
    }

    @Test
    void absent_text_is_not_judged() {
        assertThat(Text.isWellFormed(null)).isTrue();
        assertThat(Text.requireWellFormed(null, "content")).isNull();
    }

    @Test
    void refusing_names_the_field_as_invalid() {
        assertThatThrownBy(() -> Text.requireWellFormed("x\ud800", "content"))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.failure().kind()).isEqualTo(FailureKind.INVALID);
                    assertThat(refusal.getMessage()).isEqualTo("content is not well-formed Unicode text");
                });
    }

    private static boolean encodesStrictly(String text) {
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
